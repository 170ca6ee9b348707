/** zh-CN · venues: the venues page. */
const venues = {
  subtitle: '党员教育活动阵地的登记与维护',
  create: '新建阵地',
  editTitle: '编辑阵地：{{name}}',
  searchPlaceholder: '按阵地名称或地址搜索',
  empty: '暂无阵地',
  filterOrganization: '按所属党组织筛选',
  activeAll: '全部状态',
  activated: '阵地已启用',
  deactivated: '阵地已停用',
  deactivateTitle: '停用阵地“{{name}}”？',
  deactivateConsequence:
    '停用后，该阵地不能再被选为新申报或培育对象，默认列表中也不再显示；已有申报不受影响，可随时重新启用。',
  deactivateOk: '停用',
  activateTitle: '启用阵地“{{name}}”？',
  activateConsequence: '启用后，该阵地可被选为申报和培育对象。',
  activateOk: '启用',
  areaValue: '{{area}} 平方米',
  capacityValue: '可容纳 {{n}} 人',
  field: {
    name: '阵地名称',
    organization: '所属党组织',
    address: '地址',
    areaM2: '面积（平方米）',
    capacity: '容纳人数',
    facilities: '设施设备',
    openedYear: '建成年份',
    active: '状态',
    updatedAt: '更新时间',
  },
};

export default venues;
