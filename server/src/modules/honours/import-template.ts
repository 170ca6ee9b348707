/**
 * The honours import template (表彰导入模板): the columns of `HONOUR_COLUMNS` with one example row per
 * built-in kind, and a second sheet 填写说明 listing what each column takes and the kinds on record.
 */
import { loadExcelJS } from '../../core/lazy-libs';
import type { Db } from '../../db/client';
import { HONOUR_COLUMNS } from './import';
import * as repo from './repo';

const EXPLAIN: Record<keyof typeof HONOUR_COLUMNS, string> = {
  year: '表彰年度，如 2025。',
  kind: '表彰类型的名称或代码（见下方“表彰类型”）。',
  orgCode: '受表彰组织的编码；个人表彰填其所在党组织的编码。',
  personName: '个人表彰必填（最长 40 个字符）；组织表彰不填。',
  position: '个人的职务，可不填；组织表彰不填。',
  documentNo: '表彰文件的文号，如 津党机工〔2025〕12号。',
  awardedOn: '表彰日期，如 2025-06-28，须在表彰年度或其次年内。',
  note: '备注，可不填（最长 500 个字符）。',
};

const EXAMPLES = [
  [2025, '先进基层党组织', 'TJJGGW-01-001', '', '', '津党机工〔2025〕12号', '2025-06-28', ''],
  [2025, '优秀共产党员', 'TJJGGW-01-001', '张三明', '', '津党机工〔2025〕12号', '2025-06-28', ''],
  [2025, '优秀党务工作者', 'TJJGGW-01-001', '李四', '党支部书记', '津党机工〔2025〕12号', '2025-06-28', ''],
];

export async function buildHonourTemplate(db: Db): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet('表彰名单');
  data.addRow(Object.values(HONOUR_COLUMNS)).font = { bold: true };
  for (const r of EXAMPLES) data.addRow(r);
  data.columns.forEach((c, i) => (c.width = [8, 16, 18, 10, 14, 24, 12, 20][i]));
  const help = wb.addWorksheet('填写说明');
  help.addRow(['列名', '说明']).font = { bold: true };
  for (const [k, h] of Object.entries(HONOUR_COLUMNS)) help.addRow([h, EXPLAIN[k as keyof typeof EXPLAIN]]);
  help.addRow([]);
  help.addRow(['表彰类型', '代码', '对象']).font = { bold: true };
  for (const k of await repo.allKinds(db))
    help.addRow([k.nameZh, k.code, k.subject === 'person' ? '个人' : '组织']);
  help.addRow([]);
  help.addRow(['先“预检”：列出所有有问题的行，不写入数据；正式导入时只要有一行出错，全部不写入。']);
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
