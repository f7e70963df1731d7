/** The one moderation policy: what is published, held or refused, who sees an image, the held queue, daily limits. */
import { decideImage, imageCheckOf, imageVisible, MODERATED_TEXT, screen, worstVerdict, type ContentVerdict, type ImageCheck, type ImageViewer } from '../../domain/contentCheck';
import { checkQuota, DAILY_LIMITS, quotaId } from '../../domain/limits';
import { commentSlot, comment, repeatComment } from '../../domain/legislation/commands';
import { decideHeld, heldMessage } from '../../domain/moderation/held';
import { propose } from '../../domain/projects/commands';

describe('text', () => {
  it.each<[ContentVerdict, string]>([['pass', 'publish'], ['review', 'hold'], ['error', 'hold']])('%s → %s for every kind', (verdict, path) => {
    for (const kind of Object.keys(MODERATED_TEXT) as (keyof typeof MODERATED_TEXT)[]) expect(screen(kind, verdict)).toEqual({ ok: true, path });
  });

  it('risky is refused with the kind’s reason in Chinese', () => {
    for (const kind of Object.keys(MODERATED_TEXT) as (keyof typeof MODERATED_TEXT)[]) {
      const out = screen(kind, 'risky');
      expect(out).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
      expect(out.ok === false && out.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('several fields checked together take the strictest verdict; an unchecked field is not a pass', () => {
    expect(worstVerdict(['pass', 'pass'])).toBe('pass');
    expect(worstVerdict(['pass', 'review'])).toBe('review');
    expect(worstVerdict(['review', 'error'])).toBe('error');
    expect(worstVerdict(['error', 'risky', 'pass'])).toBe('risky');
    expect(worstVerdict([])).toBe('pass');
  });

  it('a blocked account’s proposal and comment are held even when the text passes', () => {
    expect(propose('pass')).toEqual({ ok: true, status: 'submitted' });
    expect(propose('pass', true)).toEqual({ ok: true, status: 'pending_review' });
    expect(propose('risky', true)).toMatchObject({ ok: false, code: 'CONTENT_REJECTED' });
    expect(comment('pass')).toMatchObject({ ok: true, visible: true });
    expect(comment('pass', true)).toMatchObject({ ok: true, visible: false });
    expect(comment('review')).toMatchObject({ ok: true, visible: false });
  });
});

describe('images', () => {
  it.each<[ImageCheck, ImageViewer, boolean]>([
    ['checking', 'other', false], ['review', 'other', false], ['error', 'other', false], ['risky', 'other', false], ['pass', 'other', true],
    ['checking', 'uploader', true], ['review', 'uploader', true], ['risky', 'uploader', false], ['pass', 'uploader', true],
    ['checking', 'staff', true], ['risky', 'staff', true],
  ])('%s is shown to %s: %s', (check, viewer, shown) => {
    expect(imageVisible(check, viewer)).toBe(shown);
  });

  it('an image nobody checked is hidden from others', () => {
    expect(imageVisible(undefined, 'other')).toBe(false);
  });

  it('reads the push’s suggest; anything else is unchecked', () => {
    expect(['pass', 'review', 'risky', 'PASS', undefined, 7].map(imageCheckOf)).toEqual(['pass', 'review', 'risky', 'error', 'error', 'error']);
  });

  it('staff decide a held image once', () => {
    expect(decideImage('review', 'release')).toEqual({ ok: true, to: 'pass' });
    expect(decideImage('error', 'refuse')).toEqual({ ok: true, to: 'risky' });
    expect(decideImage('pass', 'refuse')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});

describe('the held queue', () => {
  it('release, or refuse with a reason the author reads; once only', () => {
    expect(decideHeld({ status: 'held', kind: 'appeal.reply' }, 'release', undefined)).toEqual({ ok: true, to: 'released' });
    expect(decideHeld({ status: 'held', kind: 'appeal.reply' }, 'refuse', ' ')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(decideHeld({ status: 'held', kind: 'appeal.reply' }, 'refuse', '含有不当用语')).toMatchObject({ ok: true, to: 'refused', notice: { title: '您提交的答复未通过审核', body: expect.stringContaining('含有不当用语') } });
    expect(decideHeld({ status: 'released', kind: 'appeal.reply' }, 'refuse', '含有不当用语')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(heldMessage('appeal.progress')).toContain('办理进展');
  });
});

describe('daily limits', () => {
  it('count per person, kind and China day', () => {
    const evening = new Date('2026-11-30T15:59:00.000Z'); // 23:59 China time
    const midnight = new Date('2026-11-30T16:00:00.000Z'); // 00:00 next China day
    expect(quotaId('proposal', 'k', evening)).toBe('proposal_20261130_k');
    expect(quotaId('proposal', 'k', midnight)).toBe('proposal_20261201_k');
    expect(quotaId('comment', 'k', evening)).not.toBe(quotaId('proposal', 'k', evening));
  });

  it('refuse at the limit with a reason in Chinese', () => {
    expect(checkQuota('proposal', DAILY_LIMITS.proposal - 1, DAILY_LIMITS.proposal)).toBeNull();
    expect(checkQuota('proposal', DAILY_LIMITS.proposal, DAILY_LIMITS.proposal)).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: expect.stringContaining('项目建议') });
    expect(checkQuota('appeal', 5, 5)).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('5 条诉求') });
  });

  it('one comment per person and section: a retry is the same comment, a new request is refused', () => {
    expect(commentSlot('draft-1', 's1')).not.toBe(commentSlot('draft-1', 's2'));
    expect(commentSlot('draft-1', undefined)).not.toBe(commentSlot('draft-1', 's1'));
    expect(repeatComment({ requestId: 'req-1' }, 'req-1')).toEqual({ ok: true, same: true });
    expect(repeatComment({ requestId: 'req-1' }, 'req-2')).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  });
});
