import { Button, Drawer, Flex, Grid, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../shared/src/contracts/applications';
import { useApplication } from '../../api/applications';
import { bilingual } from '../../i18n/labels';
import { CriterionCard } from '../applications/CriterionCard';
import { NarrativeCard } from '../applications/NarrativeCard';
import { CompletenessCard, HistoryCard } from '../applications/SidePanels';
import { StatusTag } from '../applications/StatusTag';

/** The unit's check of one application: its content read-only, with recommend and return. */
export function ApplicationDrawer({
  id,
  onClose,
  onRecommend,
  onReturn,
}: {
  id: string | null;
  onClose: () => void;
  onRecommend: (d: ApplicationDetail) => void;
  onReturn: (d: ApplicationDetail) => void;
}) {
  const { t, i18n } = useTranslation('recommend');
  const phone = !Grid.useBreakpoint().md;
  const q = useApplication(id);
  const d = q.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={phone ? '100%' : 860}
      title={
        d ? (
          <Flex gap={8} align="center" wrap>
            <span>{d.brandName || d.venue?.name || d.organization.name}</span>
            <StatusTag status={d.status} />
          </Flex>
        ) : (
          t('common.loading')
        )
      }
      footer={
        d && (d.abilities.recommend || d.abilities.return) ? (
          <Flex gap={8} justify="flex-end">
            {d.abilities.return ? (
              <Button danger onClick={() => onReturn(d)} data-testid="drawer-return">
                {t('return')}
              </Button>
            ) : null}
            {d.abilities.recommend ? (
              <Button type="primary" onClick={() => onRecommend(d)} data-testid="drawer-recommend">
                {t('recommend')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
      data-testid="application-drawer"
    >
      {!d ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            {[
              bilingual(i18n.language, d.track.nameZh, d.track.nameEn),
              d.venue ? `${d.venue.name} · ${d.organization.name}` : d.organization.name,
            ].join(' · ')}
          </Typography.Text>
          <CompletenessCard detail={d} />
          <NarrativeCard detail={d} editable={false} />
          {d.criteria.map((c) => (
            <CriterionCard
              key={c.id}
              applicationId={d.id}
              criterion={c}
              files={d.evidence.filter((e) => e.criterionId === c.id)}
              editable={false}
            />
          ))}
          <HistoryCard history={d.history} />
        </Flex>
      )}
    </Drawer>
  );
}
