import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgKind } from '../../../shared/src/enums';
import { kindLabel } from '../i18n/labels';

const KIND_COLOR: Record<OrgKind, string> = {
  working_committee: 'red',
  party_group: 'volcano',
  party_committee: 'orange',
  general_branch: 'geekblue',
  branch: 'cyan',
};

export function KindTag({ kind }: { kind: OrgKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0 }}>
      {kindLabel(t, kind)}
    </Tag>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}
