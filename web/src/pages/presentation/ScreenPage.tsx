import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ScreenView } from '../../../../shared/src/contracts/presentation';
import { useScreen } from '../../api/presentation';
import { TimerDisplay } from './TimerDisplay';

const GOLD = '#ffd666';
const FONT = '"Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const frame: React.CSSProperties = {
  position: 'fixed',
  inset: 0,
  overflow: 'hidden',
  display: 'flex',
  flexDirection: 'column',
  background: 'linear-gradient(160deg, #7a0008 0%, #a3000a 45%, #5c0006 100%)',
  color: '#fff',
  fontFamily: FONT,
};

/**
 * The room screen (会场大屏, 1920×1080): the session's order, who presents now, a big timer and the results
 * the chair released; it asks the server every 2 s and keeps the last answer on screen meanwhile.
 */
export default function ScreenPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('evaluation');
  const q = useScreen(id);
  useEffect(() => {
    if (q.data) document.title = `${q.data.name} · ${t('live.screenTitle')}`;
  }, [q.data, t]);
  if (!q.data)
    return (
      <div style={{ ...frame, alignItems: 'center', justifyContent: 'center', fontSize: 48 }}>
        {q.error ? t('live.screenUnavailable') : t('live.screenLoading')}
      </div>
    );
  return <Screen v={q.data} receivedAt={q.dataUpdatedAt} stale={q.isError} />;
}

function Screen({ v, receivedAt, stale }: { v: ScreenView; receivedAt: number; stale: boolean }) {
  const { t } = useTranslation('evaluation');
  return (
    <div style={frame} data-testid="room-screen">
      <header
        style={{
          display: 'flex',
          alignItems: 'baseline',
          justifyContent: 'space-between',
          padding: '36px 72px 24px',
          borderBottom: '2px solid rgba(255, 214, 102, 0.5)',
        }}
      >
        <div style={{ fontSize: 56, fontWeight: 700, letterSpacing: 4 }} data-testid="screen-title">
          {v.name}
        </div>
        <div style={{ fontSize: 32, opacity: 0.85 }}>
          {[v.room, t(`live.status.${v.status}`)].filter(Boolean).join(' · ')}
          {stale ? ` · ${t('live.reconnecting')}` : ''}
        </div>
      </header>
      <main style={{ flex: 1, display: 'flex', minHeight: 0, padding: '40px 72px 48px', gap: 64 }}>
        <section
          style={{ flex: 5, display: 'flex', flexDirection: 'column', justifyContent: 'center', minWidth: 0 }}
        >
          <div style={{ fontSize: 40, color: GOLD, letterSpacing: 8 }}>
            {v.current ? t('live.screenNow', { n: v.current.position }) : t(`live.screenIdle.${v.status}`)}
          </div>
          <div
            data-testid="screen-current"
            style={{
              fontSize: 84,
              fontWeight: 700,
              lineHeight: 1.25,
              margin: '24px 0 40px',
              wordBreak: 'break-all',
            }}
          >
            {v.current?.organizationName ?? '—'}
          </div>
          <div
            style={{
              alignSelf: 'flex-start',
              padding: '12px 56px',
              borderRadius: 24,
              background: 'rgba(0, 0, 0, 0.25)',
              border: '2px solid rgba(255, 255, 255, 0.25)',
            }}
          >
            <TimerDisplay timer={v.timer} receivedAt={receivedAt} size={220} color="#fff" />
          </div>
        </section>
        <section
          style={{
            flex: 4,
            minWidth: 0,
            background: 'rgba(255, 255, 255, 0.08)',
            borderRadius: 24,
            padding: '28px 36px',
            display: 'flex',
            flexDirection: 'column',
          }}
        >
          <div
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              fontSize: 30,
              color: GOLD,
              marginBottom: 12,
            }}
          >
            <span>{t('live.screenOrder')}</span>
            <span>{t('live.screenResult')}</span>
          </div>
          <ol
            style={{ listStyle: 'none', margin: 0, padding: 0, overflow: 'hidden' }}
            data-testid="screen-order"
          >
            {v.order.map((o) => {
              const now = v.current?.position === o.position;
              return (
                <li
                  key={o.position}
                  data-testid="screen-row"
                  style={{
                    display: 'flex',
                    alignItems: 'center',
                    gap: 20,
                    fontSize: v.order.length > 10 ? 28 : 34,
                    padding: v.order.length > 10 ? '8px 12px' : '14px 12px',
                    borderRadius: 12,
                    background: now ? 'rgba(255, 214, 102, 0.22)' : undefined,
                    borderBottom: '1px solid rgba(255, 255, 255, 0.12)',
                  }}
                >
                  <span style={{ width: 48, textAlign: 'right', opacity: 0.8 }}>{o.position}</span>
                  <span style={{ flex: 1, minWidth: 0, lineHeight: 1.3, wordBreak: 'break-all' }}>
                    {o.organizationName}
                  </span>
                  <span
                    style={{
                      width: 150,
                      textAlign: 'right',
                      fontWeight: 700,
                      color: o.result === null ? 'rgba(255,255,255,0.4)' : GOLD,
                    }}
                    data-testid="screen-result"
                  >
                    {o.result === null ? '—' : o.result.toFixed(2)}
                  </span>
                </li>
              );
            })}
          </ol>
        </section>
      </main>
    </div>
  );
}
