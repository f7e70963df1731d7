import type { AppealDetail } from '../../contracts/appeal';

export const categories = [
  { _id: 'housing', name: '住房物业' },
  { _id: 'traffic', name: '交通出行' },
];
export const communities = [
  { _id: 'c01', name: '青石社区', stationId: 'st1' },
  { _id: 'c02', name: '柳岸社区', stationId: 'st2' },
];

/** An appeal the deputy has answered, as its submitter sees it. */
export function appealDetail(over: Partial<AppealDetail> = {}): AppealDetail {
  return {
    _id: 'a1',
    trackingNo: '20261128-04217',
    status: 'replied',
    statusLabel: '已答复，待您评价',
    category: 'housing',
    content: '青石路 88 号门口的路灯坏了两个星期，晚上出行不安全。',
    communityId: 'c01',
    images: [],
    anonymous: false,
    publish: true,
    createdAt: '2026-11-28T02:00:00.000Z',
    assignee: { deputyId: 'd01', name: '王建国' },
    routeReason: '青石社区的值班代表中，王建国代表擅长住房物业领域，已转给王建国代表',
    resolution: 'implemented',
    reply: { content: '已联系街道城管科，路灯已于昨日修复。', at: '2026-11-29T08:00:00.000Z', resolution: 'implemented' },
    reopenCount: 0,
    supervised: false,
    overdue: false,
    transfers: [],
    contact: { name: '林女士', phone: '138****1234' },
    timeline: [
      { at: '2026-11-28T02:00:00.000Z', status: 'pending_review', actorRole: 'resident', action: 'submit' },
      { at: '2026-11-28T02:00:01.000Z', status: 'assigned', actorRole: 'system', action: 'route', note: '已转给王建国代表' },
      { at: '2026-11-28T06:00:00.000Z', status: 'in_progress', actorRole: 'deputy', action: 'accept', note: '代表已受理' },
      { at: '2026-11-29T08:00:00.000Z', status: 'replied', actorRole: 'deputy', action: 'reply', note: '【已落实】已联系街道城管科，路灯已于昨日修复。' },
    ],
    viewerIs: 'submitter',
    ...over,
  };
}
