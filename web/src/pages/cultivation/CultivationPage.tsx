import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export default function CultivationPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('apl.cultivationTitle')} />;
}
