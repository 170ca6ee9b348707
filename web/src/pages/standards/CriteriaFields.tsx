import { Button, Card, Flex, Form, Input, InputNumber, Select, Switch, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CRITERION_METHODS, isHalfStep } from '../../../../shared/src/domain/standards';
import { criteriaTotals } from '../../lib/campaigns';
import { emptyCriterion, type CriterionRow, type StandardFormValues } from './form-model';

/** The criteria as an editable list: add, remove, move up/down; points in steps of 0.5. */
export function CriteriaFields({ form }: { form: FormInstance<StandardFormValues> }) {
  const { t } = useTranslation('standards');
  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Form.List
      name="criteria"
      rules={[
        {
          validator: async (_r, rows: CriterionRow[] | undefined) => {
            if (!rows?.length) throw new Error(t('needCriterion'));
            const v = form.getFieldsValue(['totalPoints', 'bonusCap']) as Partial<StandardFormValues>;
            const tot = criteriaTotals(rows, v.totalPoints ?? 100, v.bonusCap ?? 0);
            if (!tot.regularOk || !tot.bonusOk) throw new Error(t('totalsInvalid'));
          },
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={12} data-testid="criteria-editor">
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              data-testid="criterion-card"
              title={t('criterionN', { n: i + 1 })}
              extra={
                <Flex gap={2}>
                  <Tooltip title={t('moveUp')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                      aria-label={t('moveUp')}
                      data-testid="criterion-up"
                    />
                  </Tooltip>
                  <Tooltip title={t('moveDown')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      disabled={i === fields.length - 1}
                      onClick={() => move(i, i + 1)}
                      aria-label={t('moveDown')}
                      data-testid="criterion-down"
                    />
                  </Tooltip>
                  <Tooltip title={t('removeCriterion')}>
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(i)}
                      aria-label={t('removeCriterion')}
                      data-testid="criterion-remove"
                    />
                  </Tooltip>
                </Flex>
              }
            >
              <Flex gap={12} wrap>
                <Form.Item
                  name={[f.name, 'titleZh']}
                  label={t('titleZh')}
                  rules={[required]}
                  style={{ flex: 1, minWidth: 220, marginBottom: 12 }}
                >
                  <Input maxLength={200} data-testid="criterion-title-zh" />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'titleEn']}
                  label={t('titleEn')}
                  rules={[required]}
                  style={{ flex: 1, minWidth: 220, marginBottom: 12 }}
                >
                  <Input maxLength={200} data-testid="criterion-title-en" />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'maxPoints']}
                  label={t('maxPoints')}
                  rules={[
                    { required: true, message: t('validation.required') },
                    {
                      validator: async (_r, v: number | null) => {
                        if (v !== null && v !== undefined && !isHalfStep(v)) throw new Error(t('stepHint'));
                      },
                    },
                  ]}
                  style={{ width: 120, marginBottom: 12 }}
                >
                  <InputNumber
                    min={0}
                    max={1000}
                    step={0.5}
                    style={{ width: '100%' }}
                    data-testid="criterion-points"
                  />
                </Form.Item>
              </Flex>
              <Form.Item name={[f.name, 'description']} label={t('description')} style={{ marginBottom: 12 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
              </Form.Item>
              <Flex gap={12} wrap>
                <Form.Item
                  name={[f.name, 'evidence']}
                  label={t('evidence')}
                  style={{ flex: 2, minWidth: 220, marginBottom: 12 }}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'methods']}
                  label={t('methods')}
                  style={{ flex: 1, minWidth: 220, marginBottom: 12 }}
                >
                  <Select<string[]>
                    mode="multiple"
                    allowClear
                    options={CRITERION_METHODS.map((m) => ({
                      value: m,
                      label: t(`methodName.${m}`),
                    }))}
                    data-testid="criterion-methods"
                  />
                </Form.Item>
              </Flex>
              <Flex gap={20} wrap>
                {(['evidenceRequired', 'veto', 'bonus'] as const).map((flag) => (
                  <Flex key={flag} gap={8} align="center">
                    <Form.Item name={[f.name, flag]} valuePropName="checked" noStyle>
                      <Switch size="small" data-testid={`criterion-${flag}`} />
                    </Form.Item>
                    <Typography.Text>{t(`${flag}`)}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add(emptyCriterion())}
            block
            data-testid="criterion-add"
          >
            {t('addCriterion')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
