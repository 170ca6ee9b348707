import { Flex, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { passwordChecklist, passwordMinLength, type PasswordOwner } from '../lib/password';

/** The policy as a live checklist under the new-password field. */
export function PasswordChecklist({
  password,
  owner,
  confirm,
}: {
  password: string;
  owner: PasswordOwner;
  confirm: string;
}) {
  const { t } = useTranslation('auth');
  const items = passwordChecklist(password, owner, confirm);
  const min = passwordMinLength(owner);
  return (
    <Flex vertical gap={4} style={{ marginBottom: 16 }} data-testid="pwd-checklist" aria-live="polite">
      {items.map((i) => (
        <Typography.Text
          key={i.key}
          type={i.ok ? 'success' : 'secondary'}
          style={{ fontSize: 13 }}
          data-ok={i.ok}
        >
          {i.ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {t(`password.rule.${i.key}`, { min })}
        </Typography.Text>
      ))}
    </Flex>
  );
}
