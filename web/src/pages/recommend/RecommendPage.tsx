import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export default function RecommendPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('apl.recommendTitle')} />;
}
