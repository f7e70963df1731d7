/** 回音壁: the public copy is made when the resident publishes exactly what they previewed. */
import { attachRatingComment } from '../../domain/appeals/rating';
import { decideWall, wallCopy, wallDigest } from '../../domain/appeals/wall';
import { appeal, NOW, people } from './factories';

const closed = (over = {}) => appeal('closed', { content: '我叫张伟，住5栋301，电话 139 0000 1111，化粪池冒水', reply: { content: '已疏通，有问题打138-1234-5678找王师傅。', at: NOW, resolution: 'implemented', deputyId: 'd01' }, ...over });
const published = () => {
  const a = closed();
  const copy = wallCopy(a, []);
  return { ...a, publish: true, wall: { ...copy, publishedAt: NOW } };
};

describe('the public copy', () => {
  it('is redacted and cut; the digest changes with the text', () => {
    const copy = wallCopy(closed(), []);
    expect(copy.summary).not.toMatch(/张伟|5栋301|139 0000 1111/);
    expect(copy.reply).not.toMatch(/138-1234-5678|王师傅/);
    expect(Array.from(wallCopy(closed({ content: '路灯'.repeat(100) }), []).summary)).toHaveLength(60);
    expect(wallDigest(copy)).toMatch(/^[0-9a-f]{16}$/);
    expect(wallDigest(copy)).toBe(wallDigest(wallCopy(closed(), [])));
    expect(wallDigest({ ...copy, reply: `${copy.reply} ` })).not.toBe(wallDigest(copy));
  });

  it('hides the contact name and nickname it is given', () => {
    expect(wallCopy(closed({ content: '周建国反映楼道灯坏了' }), ['周建国']).summary).toBe('[姓名已隐藏]反映楼道灯坏了');
  });
});

describe('publish', () => {
  const digest = wallDigest(wallCopy(closed(), []));

  it('only its submitter, only a closed appeal, only the previewed text, only once', () => {
    const ok = decideWall(closed(), people.submitter, { command: 'publish', digest, names: [] }, NOW);
    expect(ok).toMatchObject({ ok: true, command: 'publish', patch: { publish: true, wall: { ...wallCopy(closed(), []), publishedAt: NOW } } });
    expect(decideWall(closed(), people.stranger, { command: 'publish', digest, names: [] }, NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(decideWall(closed(), people.staff, { command: 'publish', digest, names: [] }, NOW)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(decideWall(appeal('replied'), people.submitter, { command: 'publish', digest, names: [] }, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(decideWall(closed(), people.submitter, { command: 'publish', digest: 'ffffffffffffffff', names: [] }, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(decideWall(published(), people.submitter, { command: 'publish', digest, names: [] }, NOW)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('staff edit and withdraw', () => {
  it('an edit is redacted again; only staff or the console; only a published case', () => {
    const edited = decideWall(published(), people.staff, { command: 'wall_edit', summary: '化粪池冒水，联系13800001111', names: [] }, NOW);
    expect(edited).toMatchObject({ ok: true, patch: { wall: { summary: '化粪池冒水，联系[手机号已隐藏]', editedAt: NOW } } });
    expect(decideWall(published(), people.console, { command: 'wall_edit', reply: '已处理。', names: [] }, NOW)).toMatchObject({ ok: true, patch: { wall: { reply: '已处理。' } } });
    expect(decideWall(published(), people.assignee, { command: 'wall_edit', reply: '已处理。', names: [] }, NOW)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    expect(decideWall(closed(), people.staff, { command: 'wall_edit', reply: '已处理。', names: [] }, NOW)).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });

  it('a withdrawal takes it off the wall and tells the resident why', () => {
    const out = decideWall(published(), people.staff, { command: 'wall_withdraw', reason: '居民要求撤下' }, NOW);
    expect(out).toMatchObject({ ok: true, patch: { publish: false, wall: { withdrawnAt: NOW, withdrawReason: '居民要求撤下' } }, events: [{ type: 'tell_submitter', body: expect.stringContaining('居民要求撤下') }] });
  });
});

describe('a rating comment released from review', () => {
  it('joins the rating it was written with; an appeal without a rating refuses it', () => {
    const rated = appeal('closed', { rating: { value: 'satisfied', at: NOW } });
    expect(attachRatingComment(rated, '谢谢代表', 's1')).toMatchObject({ ok: true, patch: { rating: { value: 'satisfied', at: NOW, comment: '谢谢代表' } } });
    expect(attachRatingComment(appeal('closed'), '谢谢代表', 's1')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});
