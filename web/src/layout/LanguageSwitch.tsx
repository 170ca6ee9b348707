import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n';

/** Toggles zh-CN ⇄ en; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const next = currentLanguage() === 'en' ? 'zh-CN' : 'en';
  return (
    <Tooltip title={t('layout.switchLanguage')}>
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        aria-label={t('layout.switchLanguage')}
        onClick={() => void changeLanguage(next)}
      >
        {t('layout.otherLanguage')}
      </Button>
    </Tooltip>
  );
}
