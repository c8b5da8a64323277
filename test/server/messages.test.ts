import { describe, expect, it } from 'vitest';
import { SAY } from '../../server/messages.js';

describe('the wait a refused sign-in is told, in both languages', () => {
  it('counts seconds under a minute and whole minutes (rounded up) beyond, in English singular or plural', () => {
    expect(SAY.tooManyAttempts(1)).toEqual({
      zh: '登录失败次数过多，请 1 秒后再试',
      en: 'Too many failed sign-ins; try again in 1 second',
    });
    expect(SAY.tooManyAttempts(30).en).toBe('Too many failed sign-ins; try again in 30 seconds');
    expect(SAY.tooManyAttempts(61)).toEqual({
      zh: '登录失败次数过多，请 2 分钟后再试',
      en: 'Too many failed sign-ins; try again in 2 minutes',
    });
    expect(SAY.tooManyAttempts(60).en).toBe('Too many failed sign-ins; try again in 1 minute');
    expect(SAY.busy(1).en).toBe('Too many sign-ins at once; try again in 1 second');
  });
});
