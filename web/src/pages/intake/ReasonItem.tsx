import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { returnBody } from '../../../../shared/src/contracts/applications';
import { useZodRule } from '../../components/useZodRule';

/** The return reason's form field (one application or a batch): required, checked by the contract's rule. */
export function ReasonItem({
  placeholder,
  testId,
  rows,
}: {
  placeholder: string;
  testId: string;
  rows: number;
}) {
  const { t } = useTranslation('intake');
  const rule = useZodRule();
  return (
    <Form.Item name="reason" label={t('returnReason')} rules={[rule(returnBody.shape.reason)]}>
      <Input.TextArea rows={rows} maxLength={2000} showCount placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}
