import { useState } from 'react';
import { Button, Descriptions, Drawer, Flex, Grid, Result, Skeleton, Tag } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { CULTIVATIONS, useCultivation } from '../../api/cultivation';
import { bilingual, kindLabel } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { ApplyModal } from './ApplyModal';
import { CultStatusTag } from './CultStatusTag';
import { MilestonesCard } from './MilestonesCard';
import { NotesCard } from './NotesCard';
import { PlanCard } from './PlanCard';
import { ReadinessCard } from './ReadinessCard';

interface Props {
  id: string | null;
  /** `cultivation.write`: the unit admin edits, the committee reads. */
  canWrite: boolean;
  onClose: () => void;
}

/** One candidate: facts, plan and status, milestones, notes, readiness self-check and 转为申报. */
export function CultivationDrawer({ id, canWrite, onClose }: Props) {
  const { t, i18n } = useTranslation('cultivation');
  const phone = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const q = useCultivation(id);
  const [applying, setApplying] = useState(false);
  const [loadKey, setLoadKey] = useState(0);
  const d = q.data && q.data.id === id ? q.data : undefined;

  /** After a change elsewhere than the plan: the detail and the list's counters are reloaded. */
  const changed = async () => {
    await Promise.all([q.refetch(), qc.invalidateQueries({ queryKey: [...CULTIVATIONS, 'list'] })]);
  };
  /** After a conflict: reload and start the forms over. */
  const reload = async () => {
    await changed();
    setLoadKey((k) => k + 1);
  };
  const canApply = canWrite && !!d && (d.status === 'cultivating' || d.status === 'ready');

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={phone ? '100%' : 720}
      title={d ? d.subjectName : t('pageTitle')}
      data-testid="cultivation-detail"
      extra={
        canApply ? (
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={() => setApplying(true)}
            data-testid="cultivation-apply"
          >
            {t('apply.button')}
          </Button>
        ) : d?.applicationId ? (
          <Link to={`/applications/${d.applicationId}`}>
            <Button data-testid="cultivation-application-link">{t('apply.view')}</Button>
          </Link>
        ) : null
      }
    >
      {q.error ? (
        <Result
          status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
          title={
            q.error instanceof ApiError && q.error.status === 404 ? t('notFound') : t('errors.pageFailed')
          }
        />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Flex vertical gap={16} key={`${d.id}-${loadKey}`}>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: phone ? 110 : 120 } }}
            items={[
              {
                key: 'status',
                label: t('field.status'),
                children: (
                  <Flex gap={8} align="center" wrap>
                    <CultStatusTag status={d.status} />
                    {!canWrite ? <Tag data-testid="read-only">{t('readOnly')}</Tag> : null}
                  </Flex>
                ),
              },
              {
                key: 'track',
                label: t('field.track'),
                children: bilingual(i18n.language, d.trackNameZh, d.trackNameEn),
              },
              {
                key: 'org',
                label: t('field.organization'),
                children: `${d.organizationName}（${kindLabel(t, d.orgKind)}）`,
              },
              ...(d.venueId ? [{ key: 'venue', label: t('field.venue'), children: d.subjectName }] : []),
              { key: 'unit', label: t('field.unit'), children: d.unitName ?? '—' },
              { key: 'updated', label: t('field.updatedAt'), children: formatDateTime(d.updatedAt) },
            ]}
          />
          <PlanCard detail={d} editable={canWrite} onReload={reload} />
          <MilestonesCard detail={d} editable={canWrite} onChanged={changed} />
          <ReadinessCard
            key={`r-${d.readiness?.standardVersionId}-${loadKey}`}
            detail={d}
            editable={canWrite}
            onChanged={changed}
          />
          <NotesCard detail={d} editable={canWrite} onChanged={changed} />
        </Flex>
      )}
      {d ? <ApplyModal open={applying} detail={d} onClose={() => setApplying(false)} /> : null}
    </Drawer>
  );
}
