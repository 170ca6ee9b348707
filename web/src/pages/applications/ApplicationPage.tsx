import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Col, Flex, Grid, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApplication } from '../../api/applications';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { bilingual } from '../../i18n/labels';
import { autosaveStatus, conflictKey } from '../../lib/applications';
import { formatDateTime, formatInZone } from '../../lib/format';
import { ApplicationActions } from './ApplicationActions';
import { CriterionCard } from './CriterionCard';
import { NarrativeCard } from './NarrativeCard';
import { ResultsCard } from './ResultsCard';
import { CompletenessCard, HistoryCard } from './SidePanels';
import { StatusTag } from './StatusTag';
import { useApplicationSaver, type SaverState } from './useApplicationSaver';
import { BackLink } from '../../components/BackLink';

/** One application: the narrative, criterion by criterion self-assessment and evidence, the workflow. */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('applications');
  const phone = !Grid.useBreakpoint().lg;
  const q = useApplication(id);
  const saver = useApplicationSaver(id);
  const [loadKey, setLoadKey] = useState(0);
  const adopted = useRef(false);
  const detail = q.data;

  useEffect(() => {
    if (detail && !adopted.current) {
      adopted.current = true;
      saver.adopt(detail);
    }
  }, [detail, saver]);

  /** Loads the record again and starts the forms over from it (after a conflict or a workflow step). */
  const reload = async () => {
    const r = await q.refetch();
    if (r.data) {
      saver.adopt(r.data);
      setLoadKey((k) => k + 1);
    }
  };

  if (q.error)
    return (
      <Result
        status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
        title={q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : t('errors.pageFailed')}
        extra={
          <Link to="/applications">
            <Button>{t('backToList')}</Button>
          </Link>
        }
      />
    );
  if (!detail) return <Skeleton active paragraph={{ rows: 12 }} />;

  const editable = detail.abilities.edit;
  const { state } = saver;
  const title = detail.brandName || detail.venue?.name || detail.organization.name;
  const evidenceOf = (criterionId: string | null) =>
    detail.evidence.filter((e) => e.criterionId === criterionId);
  const unassigned = evidenceOf(null);
  const closes = dayjs(detail.campaign.applicationClosesAt);

  return (
    <Flex vertical gap={12}>
      <BackLink to="/applications">{t('backToList')}</BackLink>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="application-title">{title}</span>
            <StatusTag status={detail.status} />
          </Flex>
        }
        sub={[
          detail.campaign.name,
          bilingual(i18n.language, detail.track.nameZh, detail.track.nameEn),
          detail.venue ? `${detail.venue.name} · ${detail.organization.name}` : detail.organization.name,
          `${bilingual(i18n.language, detail.standard.nameZh, detail.standard.nameEn)} v${detail.standard.version}`,
        ].join(' · ')}
        extra={<ApplicationActions detail={detail} saver={saver} onDone={reload} />}
      />
      {detail.status === 'returned' && detail.returnedReason ? (
        <Alert
          type="warning"
          showIcon
          data-testid="returned-reason"
          title={t('returnedTitle')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{detail.returnedReason}</span>}
        />
      ) : null}
      {state.conflict ? (
        <Alert
          type="error"
          showIcon
          data-testid="version-conflict"
          title={t('conflictTitle')}
          description={t(`${conflictKey(state.conflict)}`, { ...state.conflict })}
          action={
            <Button size="small" type="primary" onClick={() => void reload()} data-testid="conflict-reload">
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <ResultsCard applicationId={detail.id} status={detail.status} />
      <Flex gap={12} wrap align="center">
        {editable ? <AutosaveLine state={state} /> : <Tag data-testid="read-only">{t('readOnly')}</Tag>}
        <Typography.Text type="secondary">
          {t('closesAt', { time: formatDateTime(detail.campaign.applicationClosesAt) })}
          {closes.isBefore(dayjs()) ? ` · ${t('applicationClosed')}` : ''}
        </Typography.Text>
        {detail.updatedByName ? (
          <Typography.Text type="secondary">
            {t('lastChange', { name: detail.updatedByName, time: formatDateTime(detail.updatedAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16} key={loadKey}>
            <NarrativeCard detail={detail} editable={editable} saver={saver} />
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('criteriaTitle', { n: detail.criteria.length, total: detail.standard.totalPoints })}
            </Typography.Title>
            {detail.criteria.map((c) => (
              <CriterionCard
                key={c.id}
                applicationId={detail.id}
                criterion={c}
                files={evidenceOf(c.id)}
                editable={editable}
                saver={saver}
              />
            ))}
            {unassigned.length ? (
              <Alert
                type="info"
                showIcon={false}
                title={t('evidence.unassigned', { n: unassigned.length })}
              />
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16} style={phone ? undefined : { position: 'sticky', top: 72 }}>
            <CompletenessCard detail={detail} />
            <HistoryCard history={detail.history} />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

/** 已自动保存 only when everything typed was saved: a rejected self-score says it was not. */
function AutosaveLine({ state }: { state: SaverState }) {
  const { t } = useTranslation('applications');
  const status = autosaveStatus(state);
  if (status === 'invalid')
    return (
      <Typography.Text type="danger" data-testid="autosave-state">
        <ExclamationCircleOutlined /> {t('scoresNotSaved', { n: state.invalidScores.length })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" data-testid="autosave-state">
      {status === 'saving' ? (
        <>
          <LoadingOutlined /> {t('saving')}
        </>
      ) : status === 'saved' ? (
        <>
          <CheckOutlined /> {t('autosaved', { time: formatInZone(state.savedAt, 'HH:mm') })}
        </>
      ) : (
        t('autosaveHint')
      )}
    </Typography.Text>
  );
}
