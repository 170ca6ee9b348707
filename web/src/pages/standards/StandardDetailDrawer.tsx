import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Result,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Track } from '../../../../shared/src/contracts/standards';
import { deactivateStandardReq, STANDARDS, useStandard } from '../../api/standards';
import { ActiveTag, KindTag } from '../../components/tags';
import { bilingual } from '../../i18n/labels';
import { formatDateTime } from '../../lib/format';
import { trackName } from '../campaigns/CampaignFields';
import { useCampaignError } from '../campaigns/useCampaignError';
import { CriteriaView } from './CriteriaView';

interface Props {
  id: string | null;
  tracks: readonly Track[];
  phone: boolean;
  onClose: () => void;
  onEdit: (id: string) => void;
}

/** One standard: its lineage, a version picker and the chosen version's criteria; edit and deactivate. */
export function StandardDetailDrawer({ id, tracks, phone, onClose, onEdit }: Props) {
  const { t, i18n } = useTranslation('standards');
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const onError = useCampaignError();
  const [picked, setPicked] = useState<{ id: string; version: number } | null>(null);
  const version = picked && picked.id === id ? picked.version : null;
  const q = useStandard(id, version);
  const d = q.data;

  const deactivate = () => {
    if (!d) return;
    modal.confirm({
      title: t('deactivateTitle', { name: bilingual(i18n.language, d.nameZh, d.nameEn) }),
      content: t('deactivateText'),
      okText: t('deactivate'),
      okButtonProps: { danger: true, 'data-testid': 'standard-deactivate-ok' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deactivateStandardReq(d.id);
          await qc.invalidateQueries({ queryKey: STANDARDS });
          message.success(t('deactivated'));
        } catch (e) {
          onError(e, { reload: [STANDARDS] });
        }
      },
    });
  };

  return (
    <Drawer
      open={!!id}
      onClose={() => {
        setPicked(null);
        onClose();
      }}
      size={phone ? '100%' : 900}
      title={d ? bilingual(i18n.language, d.nameZh, d.nameEn) : t('detail')}
      destroyOnHidden
      data-testid="standard-detail"
      extra={
        d?.active ? (
          <Flex gap={8}>
            <Button
              danger
              icon={<StopOutlined />}
              onClick={deactivate}
              data-testid="standard-deactivate"
              size={phone ? 'small' : 'middle'}
            >
              {t('deactivate')}
            </Button>
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => onEdit(d.id)}
              data-testid="standard-edit"
              size={phone ? 'small' : 'middle'}
            >
              {phone ? t('common.edit') : t('edit')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {q.isError ? (
        <Result
          status="warning"
          title={t('loadFailed')}
          extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
        />
      ) : !d ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          {!d.active ? <Alert type="warning" showIcon title={t('inactiveHint')} /> : null}
          <Descriptions size="small" column={phone ? 1 : 2} bordered>
            <Descriptions.Item label={t('code')}>{d.code}</Descriptions.Item>
            <Descriptions.Item label={t('track')}>{trackName(tracks, d.track)}</Descriptions.Item>
            <Descriptions.Item label={t('nameZh')}>{d.nameZh}</Descriptions.Item>
            <Descriptions.Item label={t('nameEn')}>{d.nameEn}</Descriptions.Item>
            <Descriptions.Item label={t('kinds')}>
              {d.orgKinds.length ? (
                <Flex gap={4} wrap>
                  {d.orgKinds.map((k) => (
                    <KindTag key={k} kind={k} />
                  ))}
                </Flex>
              ) : (
                t('common.anyKind')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('active')}>
              <ActiveTag active={d.active} />
            </Descriptions.Item>
          </Descriptions>
          <Flex gap={8} wrap align="center" justify="space-between">
            <Flex gap={8} align="center">
              <Typography.Text>{t('pickVersion')}</Typography.Text>
              <Select<number>
                value={d.version.version}
                onChange={(v) => setPicked({ id: d.id, version: v })}
                options={Array.from({ length: d.latestVersion }, (_, i) => d.latestVersion - i).map((n) => ({
                  value: n,
                  label: t('versionN', { n }) + (n === d.latestVersion ? ` (${t('latest')})` : ''),
                }))}
                style={{ width: 170 }}
                loading={q.isFetching}
                data-testid="standard-version-picker"
              />
            </Flex>
            <Flex gap={6} wrap>
              <Tag style={{ marginInlineEnd: 0 }}>
                {t('totalPoints')} {d.version.totalPoints}
              </Tag>
              <Tag style={{ marginInlineEnd: 0 }}>
                {t('bonusCap')} {d.version.bonusCap}
              </Tag>
              <Tag style={{ marginInlineEnd: 0 }}>
                {t('createdAt')} {formatDateTime(d.version.createdAt)}
              </Tag>
            </Flex>
          </Flex>
          {d.version.note ? (
            <Typography.Text type="secondary">
              {t('note')} · {d.version.note}
            </Typography.Text>
          ) : null}
          <CriteriaView criteria={d.version.criteria} phone={phone} />
        </Flex>
      )}
    </Drawer>
  );
}
