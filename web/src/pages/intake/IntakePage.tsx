import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export default function IntakePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('cmp.intakeTitle')} />;
}
