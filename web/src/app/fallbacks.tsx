import { useEffect, useState } from 'react';
import { useRouteError } from 'react-router';
import { Alert, Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { routeFailureKind, serverAnswers } from './route-failure';

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

const PROBE_EVERY_MS = 5000;

/** Probes the server until it answers; null while the first probe runs. */
function useServerReachable(): [boolean | null, () => Promise<boolean>] {
  const [reachable, setReachable] = useState<boolean | null>(null);
  const probe = async () => {
    const ok = await serverAnswers();
    setReachable(ok);
    return ok;
  };
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      const ok = await serverAnswers();
      if (stopped) return;
      setReachable(ok);
      if (!ok) timer = window.setTimeout(() => void tick(), PROBE_EVERY_MS);
    };
    let timer = 0;
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);
  return [reachable, probe];
}

/**
 * A route that failed to render or load. A lost connection keeps the layout, says so and retries (by
 * itself every few seconds, or with 重试); only a page module missing while the server answers (a deploy)
 * suggests reloading.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const [reachable, probe] = useServerReachable();
  const [wasOffline, setWasOffline] = useState(false);
  const kind = routeFailureKind(error, reachable);
  const reload = () => window.location.reload();

  if (kind === 'offline' && !wasOffline) setWasOffline(true);
  useEffect(() => {
    if (wasOffline && reachable) window.location.reload(); // the connection is back: load the page again
  }, [reachable, wasOffline]);

  if (reachable === null && kind !== 'broken') return <FullPageSpin />;
  if (kind === 'offline' || wasOffline)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="connection-lost"
        title={t('errors.connectionLost')}
        description={t('errors.connectionLostHint')}
        action={
          <Button size="small" onClick={() => void probe().then((ok) => ok && reload())}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  return (
    <Result
      status="error"
      title={t('errors.pageFailed')}
      subTitle={kind === 'updated' ? t('errors.pageFailedHint') : t('errors.pageBroken')}
      extra={
        <Button type="primary" onClick={reload}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
