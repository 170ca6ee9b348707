/**
 * The expert import template: the columns of REVIEWER_IMPORT_COLUMNS with Chinese headers, a 是/否
 * drop-down on 是否可参加, two example rows, and a sheet "填写说明" explaining each column.
 */
import { loadExcelJS } from '../../core/lazy-libs';
import { REVIEWER_IMPORT_COLUMNS as C } from '../../../../shared/src/contracts/reviewers';

export const TEMPLATE_SHEET = '评审专家';

const EXPLAIN: Record<keyof typeof C, string> = {
  username:
    '登录用户名（必填），3–64 位字母、数字或 . _ @ -，不能与已有账号重复；导入后生成一次性密码，首次登录须修改。',
  displayName: '姓名（必填），最长 50 个字。',
  email: '电子邮箱，可不填。',
  orgCode: '专家所在的本系统党组织编码（用于自动回避本单位及上下级的申报）；与“外部单位”只能填一项。',
  external: '系统外的工作单位（如市委党校），最长 100 个字；与“所属党组织编码”只能填一项。',
  title: '职务或职称，最长 50 个字，可不填。',
  expertise: '专长标签，可填多项，用顿号、逗号或空格分隔，每项不超过 30 个字，最多 20 项。',
  available: '填“是”或“否”，不填按“是”；“否”表示暂不参加抽取和分配。',
  note: '可参加情况的说明（如“2027 年 3 月前不便外出”），最长 200 个字。',
};

const EXAMPLES: Record<keyof typeof C, string>[] = [
  {
    username: 'zhangwei',
    displayName: '张伟',
    email: 'zhangwei@example.gov.cn',
    orgCode: '',
    external: '市委党校',
    title: '教授',
    expertise: '党建理论、基层组织建设',
    available: '是',
    note: '',
  },
  {
    username: 'liuna',
    displayName: '刘娜',
    email: '',
    orgCode: 'SW-JGDW',
    external: '',
    title: '组织处处长',
    expertise: '党务工作',
    available: '否',
    note: '2027 年 3 月前不便外出',
  },
];

export async function buildReviewerTemplate(): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  const keys = Object.keys(C) as (keyof typeof C)[];
  const sheet = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = keys.map((k) => ({
    header: C[k],
    key: k,
    width: k === 'expertise' || k === 'note' ? 30 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const e of EXAMPLES) sheet.addRow(e);
  const availableColumn = keys.indexOf('available') + 1;
  for (let r = 2; r <= 2001; r++)
    sheet.getCell(r, availableColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"是,否"'],
    };
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'column', width: 16 },
    { header: '说明', key: 'text', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const k of keys) help.addRow({ column: C[k], text: EXPLAIN[k] });
  help.addRow({});
  help.addRow({
    column: '注意',
    text: '示例行仅供参考，导入前请删除。先“预检”，有错的行会列出行号、列名和原因；正式导入时只要有一行出错，全部不写入。',
  });
  help.addRow({ column: '', text: '支持 .xlsx 和 CSV（UTF-8 或 GBK/GB18030 编码），一次最多 2000 位专家。' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
