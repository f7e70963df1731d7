/** Who a person is in 连心桥. Roles come from the database, never from the client. */
export const ROLES = ['resident', 'deputy', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  deputy: '人大代表',
  staff: '工作人员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
