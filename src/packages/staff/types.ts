export type { HistoryEntry, StaffAppealItem } from '../../../contracts/staff';
export type { SlaSettings } from '../../../domain/appeals/supervision';
import type { HistoryEntry } from '../../../contracts/staff';

export { STAFF_ROUTES as ROUTES } from '../../components/staff/routes';

export const CONTENT_CHECK_LABEL: Record<string, string> = {
  pass: '内容安全：通过',
  review: '内容安全：需人工复核',
  risky: '内容安全：有风险',
};

export const SOURCE_LABEL: Record<HistoryEntry['source'], string> = {
  app: '小程序',
  console: '云开发控制台',
  timer: '系统定时任务',
  deploy: '部署命令',
};

export { ACTOR_LABELS as ACTOR_LABEL } from '../../utils/labels';

const ACTION_LABEL: Record<string, string> = {
  submit: '提交',
  hold: '转人工审核',
  route: '自动分派',
  content_reject: '内容未通过安全检查',
  rate_close: '评价并办结',
  rate_redo: '不满意，退回重办',
  auto_close: '逾期未评价，自动办结',
  mark_overdue: '标记超期',
  escalate: '督办升级',
  approve: '审核通过',
  reject: '不予受理',
  assign: '分派',
  reassign: '改派',
  accept: '受理',
  progress: '记录进展',
  transfer: '交办部门',
  reply: '答复',
  close: '关闭票决',
  console_edit_refused: '控制台修改未生效',
  update: '修改',
  block: '限制账号',
  unblock: '解除限制',
  paper_tally: '录入纸质票',
  create: '创建',
  shortlist: '采纳为候选项目',
  review_approve: '建议审核通过',
  review_reject: '建议不采纳',
  score: '验收评分',
  import: '导入街道表格',
  invite: '生成绑定邀请',
  revoke_invite: '撤销邀请',
  bind: '绑定微信账号',
  rebind: '改绑微信账号',
  claim_staff: '用引导码成为工作人员',
  add_staff: '添加工作人员',
  remove_staff: '移除工作人员',
  set_year: '录入节假日安排',
  publish: '公开到回音壁',
  wall_edit: '修改回音壁内容',
  wall_withdraw: '从回音壁撤下',
  attach_comment: '评价留言审核通过',
};

export const actionLabel = (a: string) => ACTION_LABEL[a] ?? a;
