import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { zodRule, type ValidationMessage } from '../lib/validation';

/** `rule(schema)` → an antd rule checking a field against its contract schema, with catalogue messages. */
export function useZodRule() {
  const { t } = useTranslation();
  const translate = (m: ValidationMessage) => t(`validation.${m.key}`, m.values ?? {});
  return (schema: z.ZodType) => zodRule(schema, translate);
}
