import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { LockOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PeerSheet } from '../../../../shared/src/contracts/peer';
import {
  PEER,
  savePeerSheetReq,
  submitPeerSheetReq,
  useMyPeerSheets,
  type MyPeerSheets,
} from '../../api/peer';
import { ApiError } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { peerBody, peerDraftOf, peerMissing, withNames, type PeerDraft } from '../../lib/peer';
import { RankList, ScoreList } from './PeerLists';

const STATUS_COLOR = { pending: 'default', draft: 'blue', locked: 'green' } as const;

/** 互比互评: the rater's sheets — its group, whom it ranks or scores (never itself), save and submit. */
export default function PeerPage() {
  const { t } = useTranslation('reviews');
  const q = useMyPeerSheets();
  if (!q.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('peer.pageTitle')} sub={t('peer.subtitle')} />
      {q.data.items.length === 0 ? (
        <Card>
          <Empty description={t('peer.empty')} />
        </Card>
      ) : null}
      {q.data.items.map((s) => (
        <SheetCard key={`${s.id}:${s.version}`} sheet={s} />
      ))}
    </Flex>
  );
}

/** The server's message with the pseudonyms it names replaced by the organisations' names. */
function named(e: unknown, sheet: PeerSheet): unknown {
  if (!(e instanceof ApiError)) return e;
  const details = e.details.map((d) => ({ ...d, message: withNames(d.message, sheet) }));
  return new ApiError(e.status, e.code, withNames(e.message, sheet), details, e.requestId, e.extra);
}

function SheetCard({ sheet }: { sheet: PeerSheet }) {
  const { t, i18n } = useTranslation('reviews');
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiError();
  const [draft, setDraft] = useState<PeerDraft>(() => peerDraftOf(sheet));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const nameOf = new Map(sheet.targets.map((x) => [x.pseudonym, x.organizationName]));
  const missing = peerMissing(sheet, draft);
  const change = (d: PeerDraft) => {
    setDraft(d);
    setDirty(true);
  };
  const store = (next: PeerSheet) =>
    qc.setQueryData<MyPeerSheets>([...PEER, 'mine'], (old) =>
      old ? { items: old.items.map((s) => (s.id === next.id ? next : s)) } : old,
    );

  const save = async (): Promise<PeerSheet | null> => {
    try {
      const next = await savePeerSheetReq(sheet.id, peerBody(sheet, draft, sheet.version));
      setDirty(false);
      return next;
    } catch (e) {
      onError(named(e, sheet), { reload: [[...PEER, 'mine']] });
      // Submitted or closed meanwhile (409): show the sheet as it now stands.
      if (e instanceof ApiError && e.status === 409) void qc.invalidateQueries({ queryKey: [...PEER] });
      return null;
    }
  };

  const saveDraft = async () => {
    setBusy('save');
    const next = await save();
    setBusy(null);
    if (next) {
      message.success(t('peer.saved'));
      store(next);
    }
  };

  const submit = () =>
    modal.confirm({
      title: t('peer.submitTitle'),
      width: 460,
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>{t('peer.submitText')}</Typography.Text>
          <ol style={{ margin: 0, paddingInlineStart: 22 }} data-testid="peer-submit-summary">
            {(sheet.mode === 'rank' ? draft.order : sheet.targets.map((x) => x.pseudonym)).map((p) => (
              <li key={p}>
                {nameOf.get(p)}
                {sheet.mode === 'score' ? `：${t('peer.points', { n: draft.scores[p] ?? '—' })}` : ''}
              </li>
            ))}
          </ol>
        </Flex>
      ),
      okText: t('peer.submitOk'),
      onOk: async () => {
        setBusy('submit');
        try {
          const saved = await save();
          if (!saved) return;
          const next = await submitPeerSheetReq(sheet.id, saved.version);
          message.success(t('peer.submitted'));
          store(next);
        } catch (e) {
          onError(named(e, sheet), { reload: [[...PEER, 'mine']] });
        } finally {
          setBusy(null);
        }
      },
    });

  const locked = sheet.status === 'locked';
  return (
    <Card
      data-testid="peer-sheet"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
          <span>{bilingual(i18n.language, sheet.stage.nameZh, sheet.stage.nameEn)}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {sheet.groupName}
          </Typography.Text>
          <Tag color={STATUS_COLOR[sheet.status]} data-testid="peer-status">
            {t(`peer.status.${sheet.status}`)}
          </Tag>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {t('peer.window', {
            from: formatDateTime(sheet.stage.opensAt),
            to: formatDateTime(sheet.stage.closesAt),
          })}
          {' · '}
          {t(`peer.mode.${sheet.mode}`)}
        </Typography.Text>
        {locked ? (
          <Alert
            type="success"
            showIcon
            icon={<LockOutlined />}
            message={t('peer.lockedAt', { time: formatDateTime(sheet.submittedAt) })}
          />
        ) : !sheet.editable ? (
          <Alert type="info" showIcon message={t('peer.closed')} />
        ) : (
          <Alert
            type="info"
            showIcon
            message={t('peer.howTo', { pseudonym: sheet.pseudonym })}
            data-testid="peer-howto"
          />
        )}
        <GroupFacts sheet={sheet} />
        {sheet.mode === 'rank' ? (
          <RankList
            order={draft.order}
            nameOf={nameOf}
            editable={sheet.editable}
            onChange={(order) => change({ ...draft, order, ranked: true })}
          />
        ) : (
          <ScoreList
            targets={sheet.targets}
            scores={draft.scores}
            editable={sheet.editable}
            onChange={(p, v) => change({ ...draft, scores: { ...draft.scores, [p]: v } })}
          />
        )}
        {sheet.editable ? (
          <Flex gap={12} align="center" justify="space-between" wrap>
            <Typography.Text type="secondary" data-testid="peer-state">
              {missing > 0
                ? t('peer.missing', { n: missing })
                : dirty
                  ? t('peer.unsaved')
                  : sheet.status === 'draft'
                    ? t('peer.draftSaved')
                    : t('peer.ready')}
            </Typography.Text>
            <Flex gap={8} wrap>
              <Button
                icon={<SaveOutlined />}
                loading={busy === 'save'}
                onClick={() => void saveDraft()}
                data-testid="peer-save"
              >
                {t('peer.save')}
              </Button>
              <Button
                type="primary"
                icon={<LockOutlined />}
                disabled={missing > 0}
                loading={busy === 'submit'}
                onClick={submit}
                data-testid="peer-submit"
              >
                {t('peer.submit')}
              </Button>
            </Flex>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** Who else is in the group: members it may not rate (its own unit) by name, the other raters by pseudonym. */
function GroupFacts({ sheet }: { sheet: PeerSheet }) {
  const { t } = useTranslation('reviews');
  const done = sheet.raters.filter((r) => r.submitted).length;
  return (
    <Flex vertical gap={4} style={{ fontSize: 13 }}>
      {sheet.excluded.length > 0 ? (
        <Typography.Text type="secondary" data-testid="peer-excluded">
          {t('peer.excluded', { names: sheet.excluded.map((e) => e.organizationName).join('、') })}
        </Typography.Text>
      ) : null}
      {sheet.raters.length > 0 ? (
        <Flex gap={6} wrap align="center" data-testid="peer-raters">
          <Typography.Text type="secondary">
            {t('peer.raters', { done, total: sheet.raters.length })}
          </Typography.Text>
          {sheet.raters.map((r) => (
            <Tag key={r.pseudonym} color={r.submitted ? 'green' : 'default'}>
              {r.pseudonym} {r.submitted ? t('peer.raterDone') : t('peer.raterPending')}
            </Tag>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
}
