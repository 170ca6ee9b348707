/**
 * The import template: the `IMPORT_COLUMNS` with Chinese headers, a drop-down list on the kind column,
 * two example rows, and a second sheet "填写说明" explaining each column and the kind rules.
 */
import type ExcelJSTypes from 'exceljs';
import { loadExcelJS } from '../../core/lazy-libs';
import type { Db } from '../../db/client';
import { IMPORT_COLUMNS } from '../../../../shared/src/contracts/organizations';
import { IMPORT_MAX_BYTES, ORG_KIND_LABELS } from '../../../../shared/src/contracts/organization-import';
import { ORG_KINDS } from '../../../../shared/src/enums';
import { MAX_ROWS } from './import-file';
import { MAX_MEMBERS } from './import';
import { rootCode } from './import-repo';

export const TEMPLATE_SHEET = '组织信息';
export const INSTRUCTIONS_SHEET = '填写说明';
/** Rows of the data sheet that carry the drop-down and number checks. */
const VALIDATED_ROWS = 5000;

const WIDTHS: Record<(typeof IMPORT_COLUMNS)[number]['key'], number> = {
  code: 16,
  name: 32,
  shortName: 16,
  kind: 12,
  parentCode: 16,
  secretary: 10,
  contactName: 10,
  contactPhone: 16,
  memberCount: 10,
};

const EXPLAIN: Record<(typeof IMPORT_COLUMNS)[number]['key'], string> = {
  code: '党组织的唯一编码，最长 32 个字符，只能包含字母、数字、点（.）、短横线（-）和下划线（_）。系统中已存在的编码视为更新该组织的信息。',
  name: '党组织全称，最长 100 个字符。',
  shortName: '简称，最长 50 个字符，可不填。',
  kind: `从下拉列表选择：${ORG_KINDS.map((k) => ORG_KIND_LABELS[k]).join('、')}（也可填英文代码，如 branch）。`,
  parentCode:
    '上级党组织的编码：可以是系统中已有的组织，也可以是本文件中的其他行（上级写在下级之后也可以）。只有机关工委可以不填。',
  secretary: '书记姓名，最长 50 个字符，可不填。',
  contactName: '联系人姓名，最长 50 个字符，可不填。',
  contactPhone: '联系电话，5–20 位数字，可含 +、- 和空格，可不填。',
  memberCount: `党员人数，0 到 ${MAX_MEMBERS} 之间的整数，不填按 0 计。`,
};

const KIND_RULES = [
  '机关工委是根节点，不能有上级；系统中只有一个机关工委（尚无时可通过导入新建）。',
  '党组的上级只能是机关工委。',
  '党委的上级可以是机关工委、党组或党委。',
  '党总支的上级可以是机关工委、党组或党委；党总支下只能设党支部。',
  '党支部的上级可以是机关工委、党组、党委或党总支；党支部下不能再设组织。',
  '机关工委的直接下级即“直属党组织”，其下的组织都归属于它。',
];

const NOTES = [
  '表头必须在第 1 行，列名与模板一致（也可使用英文列名），列的顺序不限；多余的列会被忽略。',
  '示例行（第 2、3 行）仅供参考，导入前请删除或改为实际数据。',
  '系统中已存在的组织编码：更新其名称、类型等信息；不能通过导入更换上级组织，请在组织管理中使用“移动”。',
  '已存在组织的选填列留空，表示清空该项（党员人数为 0）；不包含某一列，则该项保持不变。',
  '建议先“预检”：系统会列出所有有问题的行（行号、列名和原因），不写入任何数据；正式导入时只要有一行出错，全部不写入。',
  `支持 .xlsx 和 CSV（UTF-8 或 GBK/GB18030 编码）；文件不超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，一次最多 ${MAX_ROWS} 行。`,
];

/** Builds the template; the example rows hang under the actual working committee's code when there is one. */
export async function buildTemplate(db: Db): Promise<Buffer> {
  const root = (await rootCode(db)) ?? 'WC';
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shifan';
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({
    key: c.key,
    width: WIDTHS[c.key],
    style: c.key === 'memberCount' ? {} : { numFmt: '@' },
  }));
  const header = ws.addRow(IMPORT_COLUMNS.map((c) => c.zh));
  header.font = { bold: true };
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFEFEFEF' },
    };
    cell.note = `${c.required ? '必填' : '选填'}：${EXPLAIN[c.key]}`;
  });
  ws.addRow(['SWJ', '市水务局机关党委', '水务局党委', '党委', root, '张伟', '李娜', '022-23456789', 120]);
  ws.addRow([
    'SWJ-PS5',
    '市水务局排水五所党支部',
    '排水五所党支部',
    '党支部',
    'SWJ',
    '王强',
    '赵敏',
    '13812345678',
    35,
  ]);
  const kindCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'kind') + 1;
  const membersCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'memberCount') + 1;
  const range = (col: number) => {
    const letter = ws.getColumn(col).letter;
    return `${letter}2:${letter}${VALIDATED_ROWS + 1}`;
  };
  // exceljs supports range validations (`dataValidations.add`) but its typings do not declare them.
  const validations = (
    ws as unknown as { dataValidations: { add(r: string, v: ExcelJSTypes.DataValidation): void } }
  ).dataValidations;
  validations.add(range(kindCol), {
    type: 'list',
    allowBlank: false,
    formulae: [`"${ORG_KINDS.map((k) => ORG_KIND_LABELS[k]).join(',')}"`],
    showErrorMessage: true,
    errorTitle: '组织类型',
    error: '请从下拉列表中选择组织类型',
  });
  validations.add(range(membersCol), {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [0, MAX_MEMBERS],
    showErrorMessage: true,
    errorTitle: '党员人数',
    error: `请填写 0 到 ${MAX_MEMBERS} 之间的整数`,
  });

  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 16 }, { width: 10 }, { width: 90 }];
  help.addRow(['列名', '是否必填', '说明']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.zh, c.required ? '必填' : '选填', EXPLAIN[c.key]]);
  help.addRow([]);
  help.addRow(['组织类型规则']).font = { bold: true };
  for (const rule of KIND_RULES) help.addRow(['', '', rule]);
  help.addRow([]);
  help.addRow(['注意事项']).font = { bold: true };
  NOTES.forEach((note, i) => help.addRow([String(i + 1), '', note]));
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
