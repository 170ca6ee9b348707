-- Default tracks and the standards of the seed article (主要做法). Later edits make new versions.
INSERT INTO tracks (code, name_zh, name_en, subject, position) VALUES
  ('site', '基层党建工作示范点', 'Demonstration site of grassroots Party building', 'organization', 1),
  ('venue', '党员教育活动示范阵地', 'Demonstration venue for Party-member education', 'venue', 2);
--> statement-breakpoint
WITH s AS (
  INSERT INTO standards (code, track_code, org_kinds, name_zh, name_en) VALUES ('SITE-COMMITTEE', 'site', '{party_committee,general_branch,party_group}', '党委（党总支）示范点创建标准', 'Site standard for Party committees and general branches') RETURNING id
), v AS (
  INSERT INTO standard_versions (standard_id, version, total_points, bonus_cap, note) SELECT id, 1, 100, 10, '依据“双示范”创建标准' FROM s RETURNING id
)
INSERT INTO criteria (standard_version_id, position, title_zh, title_en, description, max_points, evidence, evidence_required, methods, bonus)
SELECT v.id, c.position, c.title_zh, c.title_en, c.description, c.max_points, c.evidence, c.evidence_required, c.methods, c.bonus
FROM v, (VALUES
  (1, '领导班子有力', 'Strong leadership team', '班子团结协作、分工明确，书记认真履行第一责任人职责，落实"一岗双责"，党建与业务同谋划同部署同考核。', 20, '班子成员分工文件、党建工作责任清单、述职评议材料', true, ARRAY['汇报座谈','查阅档案']::text[], false),
  (2, '党员队伍一流', 'First-class Party members', '党员理想信念坚定，教育管理严格规范，"三会一课"、主题党日、民主评议党员等制度落实到位，党员先锋模范作用发挥明显。', 20, '"三会一课"记录、学习培训台账、党员积分或评议材料', true, ARRAY['查阅档案','民主测评']::text[], false),
  (3, '制度机制完善', 'Sound rules and mechanisms', '组织生活、议事决策、党费收缴、发展党员等制度健全，执行规范，档案资料完整。', 20, '制度汇编、会议记录、党费台账、发展党员档案', true, ARRAY['查阅档案']::text[], false),
  (4, '工作成果突出', 'Outstanding results', '围绕中心、服务大局，推动党建与业务深度融合，在促进高质量发展、服务群众、优化营商环境等方面成效显著，获得上级肯定。', 20, '工作总结、业绩数据、表彰奖励证明', true, ARRAY['汇报座谈','走访']::text[], false),
  (5, '活动场地规范', 'Standard activity venue', '有固定的党员活动场所，标识标牌规范，设施完备，使用常态化。', 20, '场地照片、使用记录', true, ARRAY['实地查看']::text[], false),
  (6, '特色亮点创新点', 'Features, highlights and innovations', '在党建品牌、工作方法、载体创新等方面形成可复制可推广的特色做法和经验。', 10, '特色做法材料、品牌介绍、经验推广情况', false, ARRAY['汇报座谈','现场考核']::text[], true)
) AS c(position, title_zh, title_en, description, max_points, evidence, evidence_required, methods, bonus);
--> statement-breakpoint
WITH s AS (
  INSERT INTO standards (code, track_code, org_kinds, name_zh, name_en) VALUES ('SITE-BRANCH', 'site', '{branch}', '党支部示范点创建标准', 'Site standard for Party branches') RETURNING id
), v AS (
  INSERT INTO standard_versions (standard_id, version, total_points, bonus_cap, note) SELECT id, 1, 100, 10, '依据“双示范”创建标准' FROM s RETURNING id
)
INSERT INTO criteria (standard_version_id, position, title_zh, title_en, description, max_points, evidence, evidence_required, methods, bonus)
SELECT v.id, c.position, c.title_zh, c.title_en, c.description, c.max_points, c.evidence, c.evidence_required, c.methods, c.bonus
FROM v, (VALUES
  (1, '支部班子好', 'Good branch committee', '支部委员会配备齐全、结构合理，书记政治素质好、党务工作能力强，班子团结有战斗力。', 20, '支委分工、书记述职材料、培训记录', true, ARRAY['汇报座谈','查阅档案']::text[], false),
  (2, '党员队伍好', 'Good Party members', '党员教育管理规范，学习教育经常化，党员在岗位上争先创优、作用发挥明显。', 20, '学习台账、党员承诺践诺材料、先进事迹', true, ARRAY['查阅档案','民主测评']::text[], false),
  (3, '制度机制好', 'Good rules and mechanisms', '"三会一课"、组织生活会、民主评议党员、谈心谈话、主题党日等制度落实到位，记录完整规范。', 20, '"三会一课"记录本、组织生活会材料', true, ARRAY['查阅档案']::text[], false),
  (4, '工作业绩好', 'Good performance', '支部围绕业务抓党建，党建工作与业务工作相互促进，业务工作走在前列、成绩突出。', 20, '业务数据、工作成果、表彰证明', true, ARRAY['汇报座谈','现场考核']::text[], false),
  (5, '群众反映好', 'Good reputation among the people', '服务群众意识强，作风扎实，干部群众和服务对象满意度高。', 20, '满意度测评结果、走访记录、群众来信来访情况', false, ARRAY['民主测评','走访']::text[], false),
  (6, '特色亮点创新点', 'Features, highlights and innovations', '在党建品牌、工作方法、载体创新等方面形成可复制可推广的特色做法和经验。', 10, '特色做法材料、品牌介绍、经验推广情况', false, ARRAY['汇报座谈','现场考核']::text[], true)
) AS c(position, title_zh, title_en, description, max_points, evidence, evidence_required, methods, bonus);
--> statement-breakpoint
WITH s AS (
  INSERT INTO standards (code, track_code, org_kinds, name_zh, name_en) VALUES ('VENUE', 'venue', '{}', '党员教育活动示范阵地创建标准', 'Standard for Party-member education venues') RETURNING id
), v AS (
  INSERT INTO standard_versions (standard_id, version, total_points, bonus_cap, note) SELECT id, 1, 100, 10, '依据“双示范”创建标准' FROM s RETURNING id
)
INSERT INTO criteria (standard_version_id, position, title_zh, title_en, description, max_points, evidence, evidence_required, methods, bonus)
SELECT v.id, c.position, c.title_zh, c.title_en, c.description, c.max_points, c.evidence, c.evidence_required, c.methods, c.bonus
FROM v, (VALUES
  (1, '场地规范', 'Proper premises', '场所相对固定、面积适宜，标识标牌、入党誓词、党旗等规范上墙，环境整洁庄重。', 20, '场地平面图、照片', true, ARRAY['实地查看']::text[], false),
  (2, '功能完备', 'Complete functions', '具备学习教育、组织生活、党员活动、展示交流等功能，设施设备齐全可用。', 20, '设施清单、功能分区照片', true, ARRAY['实地查看']::text[], false),
  (3, '内容鲜活', 'Lively content', '展陈内容紧扣党的创新理论和本单位实际，定期更新，形式多样，有感染力。', 20, '展陈方案、更新记录', true, ARRAY['实地查看','查阅档案']::text[], false),
  (4, '使用常态', 'Regular use', '制定使用管理制度，常态化开展党员教育活动，对外开放交流，使用记录完整。', 20, '使用管理制度、活动记录、预约登记', true, ARRAY['查阅档案']::text[], false),
  (5, '成效明显', 'Clear effect', '党员教育效果好，示范带动作用明显，受到党员群众和参观单位好评。', 20, '活动成效材料、参观单位反馈、媒体报道', false, ARRAY['走访','民主测评']::text[], false),
  (6, '特色亮点创新点', 'Features, highlights and innovations', '在党建品牌、工作方法、载体创新等方面形成可复制可推广的特色做法和经验。', 10, '特色做法材料、品牌介绍、经验推广情况', false, ARRAY['汇报座谈','现场考核']::text[], true)
) AS c(position, title_zh, title_en, description, max_points, evidence, evidence_required, methods, bonus);
