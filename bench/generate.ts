/**
 * The benchmark's organisation file: a working committee (already in the database) with ~500 units
 * (机关党委 / 党组), each with general branches (党总支) and branches (党支部), plausible Chinese names,
 * secretaries, phones and member counts. Deterministic (seeded) and shuffled, so many children come
 * before their parents in the file and the importer's ordering is exercised at scale.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../shared/src/contracts/organizations';

export const ROOT_CODE = 'SZJGGW';
export const ROOT_NAME = '市级机关工委';

const DISTRICTS = [
  '市',
  '和平区',
  '河东区',
  '河西区',
  '南开区',
  '河北区',
  '红桥区',
  '东丽区',
  '西青区',
  '津南区',
  '北辰区',
  '武清区',
  '宝坻区',
  '滨海新区',
  '宁河区',
  '静海区',
  '蓟州区',
];
const DEPARTMENTS = [
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '规划和自然资源局',
  '生态环境局',
  '住房和城乡建设委员会',
  '交通运输委员会',
  '水务局',
  '农业农村委员会',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '体育局',
  '国有资产监督管理委员会',
  '信访办公室',
  '档案馆',
  '机关事务管理局',
  '地方志办公室',
  '总工会',
  '妇女联合会',
];
const OFFICES = [
  '办公室',
  '政策法规处',
  '规划发展处',
  '财务审计处',
  '人事处',
  '综合管理处',
  '监督检查处',
  '信息中心',
  '机关服务中心',
  '执法总队',
  '研究室',
  '宣传教育处',
  '安全监管处',
  '行政审批处',
  '项目管理处',
  '调查队',
  '监测站',
  '服务中心',
  '离退休干部处',
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红海燕文斌宁';
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** mulberry32: a small seeded generator. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BenchRow = [string, string, string, string, string, string, string, string, number];

/** `units` units of 200 organisations each (1 unit, 19 general branches of 9 branches, 9 direct branches). */
export function generateRows(units = 500, seed = 2026): BenchRow[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rnd() * xs.length)] as T;
  const person = () =>
    pick<string>(SURNAMES) + pick<string>(GIVEN) + (rnd() < 0.5 ? pick<string>(GIVEN) : '');
  const phone = () =>
    rnd() < 0.6
      ? `1${pick('3456789')}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`
      : `022-${String(20000000 + Math.floor(rnd() * 9e7)).slice(0, 8)}`;
  const members = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
  const rows: BenchRow[] = [];
  for (let u = 0; u < units; u++) {
    const district = DISTRICTS[Math.floor(u / DEPARTMENTS.length) % DISTRICTS.length]!;
    const dept = DEPARTMENTS[u % DEPARTMENTS.length]!;
    const org = `${district}${dept}`;
    const group = u % 10 === 9;
    const unitCode = `U${String(u + 1).padStart(3, '0')}`;
    rows.push([
      unitCode,
      `${org}${group ? '党组' : '机关党委'}`,
      `${dept}${group ? '党组' : '党委'}`,
      group ? '党组' : '党委',
      ROOT_CODE,
      person(),
      person(),
      phone(),
      members(200, 2000),
    ]);
    for (let g = 0; g < 19; g++) {
      const office = OFFICES[g]!;
      const gCode = `${unitCode}-G${String(g + 1).padStart(2, '0')}`;
      rows.push([
        gCode,
        `${org}${office}党总支`,
        `${office}党总支`,
        '党总支',
        unitCode,
        person(),
        person(),
        phone(),
        members(30, 150),
      ]);
      for (let b = 0; b < 9; b++)
        rows.push([
          `${gCode}-B${b + 1}`,
          `${org}${office}第${ORDINALS[b]}党支部`,
          `${office}${ORDINALS[b]}支部`,
          '党支部',
          gCode,
          person(),
          person(),
          phone(),
          members(3, 50),
        ]);
    }
    for (let b = 0; b < 9; b++)
      rows.push([
        `${unitCode}-B${b + 1}`,
        `${org}机关第${ORDINALS[b]}党支部`,
        `机关${ORDINALS[b]}支部`,
        '党支部',
        unitCode,
        person(),
        person(),
        phone(),
        members(3, 50),
      ]);
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

/** Writes the rows as an .xlsx in the template's columns with exceljs's streaming writer. */
export async function writeXlsx(file: string, rows: BenchRow[]): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: fs.createWriteStream(file),
    useSharedStrings: true,
  });
  const ws = wb.addWorksheet('组织信息');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.zh)).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  return fs.statSync(file).size;
}
