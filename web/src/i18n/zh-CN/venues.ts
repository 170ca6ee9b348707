/** zh-CN · venues: the venues page. */
const venues = {
  subtitle: '党员教育活动阵地的登记与维护',
  create: '新建阵地',
  editTitle: '编辑阵地：{{name}}',
  searchPlaceholder: '按阵地名称或地址搜索',
  filterOrganization: '按所属党组织筛选',
  activeAll: '全部状态',
  activated: '阵地已启用',
  deactivated: '阵地已停用',
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
