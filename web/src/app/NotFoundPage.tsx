import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FileSearchOutlined } from '@ant-design/icons';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      icon={<FileSearchOutlined style={{ color: '#8c8c8c' }} />}
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
