import type { FieldProblem } from '../api/client';

export interface FormFieldError {
  name: string[];
  errors: string[];
}

/**
 * Splits the server's field errors into those the form shows on its own fields (for `form.setFields`)
 * and the rest (shown in a notification). A field is `name`, `body.name` or `address.city`.
 */
export function splitFieldProblems(
  details: readonly FieldProblem[],
  formFields: readonly string[],
): { fields: FormFieldError[]; rest: FieldProblem[] } {
  const byName = new Map<string, string[]>();
  const rest: FieldProblem[] = [];
  for (const d of details) {
    const path = d.field.split('.').filter((p) => p !== '' && p !== 'body');
    const name = path[0];
    if (name !== undefined && formFields.includes(name)) {
      const list = byName.get(name) ?? [];
      if (!list.includes(d.message)) list.push(d.message);
      byName.set(name, list);
    } else rest.push(d);
  }
  return { fields: [...byName].map(([name, errors]) => ({ name: [name], errors })), rest };
}
