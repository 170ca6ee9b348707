import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Flex,
  Grid,
  Input,
  InputNumber,
  Result,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, LoadingOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReviewSheet } from '../../../../shared/src/contracts/reviews';
import { lockReviewReq, REVIEWS, useReviewSheet } from '../../api/reviews';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { bilingual, kindLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import {
  draftOf,
  isComplete,
  isValidPoints,
  missingOf,
  previewScore,
  sheetParts,
  type SheetDraft,
} from '../../lib/reviews';
import { SheetItem } from './SheetItem';
import { saveBody, useReviewSaver } from './useReviewSaver';
import type { OrgKind } from '../../../../shared/src/enums';
import { BackLink } from '../../components/BackLink';

const NARRATIVE = ['summary', 'features', 'practices', 'results'] as const;

/**
 * The scoring sheet of one assignment, phone first: the application, each item with points and a comment
 * (or pass/fail for a gate), on-site photos, autosave, and "confirm" that locks the scores.
 */
export default function ReviewSheetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('reviews');
  const q = useReviewSheet(id);
  const saver = useReviewSaver(id);
  const [draft, setDraft] = useState<SheetDraft | null>(null);
  const loaded = useRef<string | null>(null);
  const sheet = q.data;

  useEffect(() => {
    if (sheet && loaded.current !== `${sheet.id}:${sheet.review.status}`) {
      loaded.current = `${sheet.id}:${sheet.review.status}`;
      saver.adopt(sheet);
      setDraft(draftOf(sheet));
    }
  }, [sheet, saver]);

  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={t('emptyTitle')}
        extra={
          <Link to="/reviews">
            <Button>{t('sheet.back')}</Button>
          </Link>
        }
      />
    );
  if (!sheet || !draft) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <Sheet sheet={sheet} draft={draft} setDraft={setDraft} saver={saver} reload={() => q.refetch()} />;
}

function Sheet({
  sheet,
  draft,
  setDraft,
  saver,
  reload,
}: {
  sheet: ReviewSheet;
  draft: SheetDraft;
  setDraft: (d: SheetDraft) => void;
  saver: ReturnType<typeof useReviewSaver>;
  reload: () => unknown;
}) {
  const { t, i18n } = useTranslation('reviews');
  const { t: tc } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiError();
  const phone = !Grid.useBreakpoint().md;
  const [locking, setLocking] = useState(false);
  const editable = sheet.canWrite && sheet.review.status !== 'locked' && !saver.state.conflict;
  const parts = sheetParts(sheet);
  const missing = missingOf(sheet, draft);
  const missingCount = missing.criteria.length + missing.vetoes.length + (missing.overall ? 1 : 0);
  const preview = previewScore(sheet, draft);
  const app = sheet.application;
  const title = app.organizationName
    ? app.brandName || app.organizationName
    : t('anonymous', { track: app.trackCode, kind: kindLabel(tc, app.orgKind as OrgKind) });

  const change = (next: SheetDraft) => {
    setDraft(next);
    saver.schedule((version) => saveBody(sheet, next, version));
  };

  const lock = () =>
    modal.confirm({
      title: t('sheet.lockTitle'),
      content: t('sheet.lockText'),
      okText: t('sheet.lockOk'),
      onOk: async () => {
        setLocking(true);
        try {
          const version = await saver.flush();
          if (version === null) return;
          const next = await lockReviewReq(sheet.id, { version });
          qc.setQueryData([...REVIEWS, 'sheet', sheet.id], next);
          await qc.invalidateQueries({ queryKey: [...REVIEWS, 'mine'] });
          message.success(t('sheet.locked'));
        } catch (e) {
          onError(e);
        } finally {
          setLocking(false);
        }
      },
    });

  const jump = (criterionId: string) =>
    document.getElementById(`item-${criterionId}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });

  return (
    <Flex vertical gap={12}>
      <BackLink to="/reviews">{t('sheet.back')}</BackLink>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="sheet-title">{title}</span>
            <Tag
              color={
                sheet.review.status === 'locked'
                  ? 'green'
                  : sheet.review.status === 'draft'
                    ? 'blue'
                    : 'default'
              }
            >
              {t(`status.${sheet.review.status}`)}
            </Tag>
          </Flex>
        }
        sub={`${bilingual(i18n.language, sheet.stage.nameZh, sheet.stage.nameEn)} · ${t('deadline')} ${formatDateTime(sheet.stage.closesAt)} · ${
          parts.points === null
            ? t('sheet.gate')
            : parts.points === 'overall'
              ? t('sheet.rubricOverall')
              : t('sheet.rubricStandard')
        }`}
      />

      {sheet.conflict.override ? (
        <Alert
          type="warning"
          showIcon
          data-testid="override-banner"
          message={t('sheet.override', {
            reason: sheet.conflict.override.reason,
            by: sheet.conflict.override.byName ?? '—',
            time: formatDateTime(sheet.conflict.override.at),
          })}
        />
      ) : null}
      {sheet.conflict.conflicted && !sheet.conflict.override ? (
        <Alert type="error" showIcon message={t('sheet.conflict')} />
      ) : null}
      {saver.state.conflict ? (
        <Alert
          type="error"
          showIcon
          message={t('sheet.versionConflict')}
          action={<Button onClick={() => void reload()}>{t('sheet.reload')}</Button>}
        />
      ) : null}
      {sheet.review.status === 'locked' ? (
        <Alert
          type="success"
          showIcon
          icon={<LockOutlined />}
          message={t('sheet.lockedAt', { time: formatDateTime(sheet.review.lockedAt) })}
        />
      ) : sheet.review.reopenedReason ? (
        <Alert
          type="warning"
          showIcon
          message={t('sheet.reopened', { reason: sheet.review.reopenedReason })}
        />
      ) : null}
      {!sheet.canWrite && sheet.review.status !== 'locked' && !sheet.conflict.conflicted ? (
        <Alert
          type="info"
          showIcon
          message={t('sheet.closed', {
            from: formatDateTime(sheet.stage.opensAt),
            to: formatDateTime(sheet.stage.closesAt),
          })}
        />
      ) : null}
      {sheet.stage.blind ? <Alert type="info" message={t('sheet.blind')} /> : null}

      <Collapse
        defaultActiveKey={phone ? [] : ['app']}
        items={[
          {
            key: 'app',
            label: t('sheet.application'),
            children: (
              <Flex vertical gap={8}>
                {NARRATIVE.filter((f) => app[f]).map((f) => (
                  <div key={f}>
                    <Typography.Text strong>{t(`sheet.${f}`)}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                      {app[f]}
                    </Typography.Paragraph>
                  </div>
                ))}
              </Flex>
            ),
          },
        ]}
      />

      {parts.points === 'overall' ? (
        <Card size="small" title={t('sheet.overall')}>
          <OverallScore
            value={draft.overall}
            editable={editable}
            onChange={(v) => change({ ...draft, overall: v })}
          />
        </Card>
      ) : (
        sheet.criteria
          .filter((c) => (parts.points === null ? c.veto : !(c.veto && c.maxPoints === 0)))
          .map((c) => (
            <SheetItem
              key={c.id}
              sheet={sheet}
              criterion={c}
              points={draft.points[c.id] ?? null}
              comment={draft.comments[c.id] ?? ''}
              veto={draft.vetoes[c.id]}
              editable={editable}
              onPoints={(p) => change({ ...draft, points: { ...draft.points, [c.id]: p } })}
              onComment={(text) => change({ ...draft, comments: { ...draft.comments, [c.id]: text } })}
              onVeto={(passed) => change({ ...draft, vetoes: { ...draft.vetoes, [c.id]: passed } })}
            />
          ))
      )}

      <Card size="small" title={t('sheet.overallComment')}>
        <Input.TextArea
          value={draft.comment}
          disabled={!editable}
          maxLength={4000}
          autoSize={{ minRows: 2, maxRows: 10 }}
          onChange={(e) => change({ ...draft, comment: e.target.value })}
          data-testid="sheet-comment"
        />
      </Card>

      {sheet.others ? (
        <Card size="small" title={t('sheet.others')}>
          <Flex vertical gap={8}>
            {sheet.others.map((o, i) => (
              <Flex key={i} gap={8} wrap>
                <Typography.Text strong>
                  {o.reviewerName ?? t('sheet.anonymousReviewer', { n: i + 1 })}
                </Typography.Text>
                <Tag>{t(`status.${o.status}`)}</Tag>
                {o.score !== null ? <Typography.Text>{o.score.toFixed(2)}</Typography.Text> : null}
                {o.comment ? <Typography.Text type="secondary">{o.comment}</Typography.Text> : null}
              </Flex>
            ))}
          </Flex>
        </Card>
      ) : null}

      {editable ? (
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 10,
            background: '#fff',
            border: '1px solid #f0f0f0',
            borderRadius: 8,
            padding: '10px 16px',
            boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
          }}
        >
          <Flex gap={12} align="center" justify="space-between" wrap>
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text strong data-testid="sheet-total">
                {parts.points === null
                  ? t('sheet.scoreIncomplete', { n: missingCount })
                  : preview.score !== null
                    ? `${t('sheet.total', { points: preview.points })} · ${t('sheet.score', { score: preview.score.toFixed(2) })}`
                    : t('sheet.scoreIncomplete', { n: missingCount })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="save-state">
                {saver.state.saving ? (
                  <>
                    <LoadingOutlined /> {t('sheet.saving')}
                  </>
                ) : saver.state.savedAt ? (
                  <>
                    <CheckOutlined /> {t('sheet.saved', { time: formatDateTime(saver.state.savedAt) })}
                  </>
                ) : null}
              </Typography.Text>
              {missingCount > 0 && parts.points !== 'overall' ? (
                <Flex gap={4} wrap style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('sheet.missing', { n: missingCount })}
                  </Typography.Text>
                  {[...missing.criteria, ...missing.vetoes].slice(0, 6).map((c) => (
                    <Typography.Link key={c.id} style={{ fontSize: 12 }} onClick={() => jump(c.id)}>
                      {c.position}
                    </Typography.Link>
                  ))}
                </Flex>
              ) : null}
            </Flex>
            <Button
              type="primary"
              size="large"
              icon={<LockOutlined />}
              disabled={!isComplete(sheet, draft)}
              loading={locking}
              onClick={lock}
              data-testid="lock-review"
            >
              {t('sheet.lock')}
            </Button>
          </Flex>
        </div>
      ) : null}
    </Flex>
  );
}

export function OverallScore({
  value,
  editable,
  onChange,
}: {
  value: number | null;
  editable: boolean;
  onChange: (v: number | null) => void;
}) {
  const { t } = useTranslation('reviews');
  const [typed, setTyped] = useState<number | null>(value);
  const bad = typed !== null && !isValidPoints(typed, 100);
  return (
    <Flex vertical gap={4}>
      <InputNumber<number>
        min={0}
        max={100}
        step={0.5}
        inputMode="decimal"
        size="large"
        disabled={!editable}
        value={typed}
        status={bad ? 'error' : undefined}
        placeholder={t('sheet.pointsPlaceholder', { max: 100 })}
        style={{ width: 180 }}
        onChange={(v) => {
          setTyped(v);
          if (v === null || isValidPoints(v, 100)) onChange(v);
        }}
        data-testid="overall-score"
      />
      {bad ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('sheet.pointsRule', { max: 100 })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
