import { Descriptions, Drawer, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHonour } from '../../api/honours';
import { formatDateTime } from '../../lib/format';

/** 表彰详情: every field of one honour; the person's name whole for the committee (the server decides). */
export function HonourDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('titles');
  const h = useHonour(id).data;
  return (
    <Drawer open={!!id} onClose={onClose} title={t('honours.detail')} width={480} destroyOnHidden>
      {!h ? (
        <Skeleton active />
      ) : (
        <Descriptions column={1} size="small" bordered data-testid="honour-detail">
          <Descriptions.Item label={t('honours.field.year')}>{h.year}</Descriptions.Item>
          <Descriptions.Item label={t('honours.field.kind')}>{h.kindNameZh}</Descriptions.Item>
          {h.personName !== null ? (
            <>
              <Descriptions.Item label={t('honours.field.personName')}>
                <span data-testid="honour-detail-name">{h.personName}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('honours.field.personPosition')}>
                {h.personPosition ?? '—'}
              </Descriptions.Item>
            </>
          ) : null}
          <Descriptions.Item label={t('honours.field.organization')}>{h.organizationName}</Descriptions.Item>
          <Descriptions.Item label={t('honours.field.unit')}>{h.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('honours.field.documentNo')}>{h.documentNo}</Descriptions.Item>
          <Descriptions.Item label={t('honours.field.awardedOn')}>{h.awardedOn}</Descriptions.Item>
          <Descriptions.Item label={t('honours.field.note')}>{h.note ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('honours.field.recordedBy')}>
            {h.createdByName ?? '—'} · {formatDateTime(h.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
