import { describe, expect, it } from 'vitest';
import { numberOf, textOf } from '../../designer/src/forms/number-text.js';

describe('a number typed into a form field', () => {
  it('reads what people type as numbers: signs, decimals, separators, full-width digits', () => {
    expect(numberOf('12')).toBe(12);
    expect(numberOf(' -3.5 ')).toBe(-3.5);
    expect(numberOf('1.')).toBe(1);
    expect(numberOf('.5')).toBe(0.5);
    expect(numberOf('1,200.5')).toBe(1200.5);
    expect(numberOf('-12,345,678')).toBe(-12345678);
    expect(numberOf('1，200')).toBe(1200);
    expect(numberOf('１２．５')).toBe(12.5);
    expect(numberOf('－７')).toBe(-7);
    expect(numberOf('2e3')).toBe(2000);
  });

  it('reads nothing else as a number, so the text stays and the schema says what is wrong', () => {
    for (const text of ['abc', '12abc', '1.2.3', '--1', '', ' ', 'Infinity', 'NaN', '0x10', '1e999', '十二']) {
      expect(numberOf(text)).toBeUndefined();
    }
  });

  it('reads a comma that is no thousands separator as no number: 3,5 (a decimal comma) is not 35', () => {
    for (const text of ['3,5', '3，5', '0,75', '1,20', '12,3456', ',5', '5,', '1,,000', '1.000,5', '1,000e3']) {
      expect(numberOf(text)).toBeUndefined();
    }
  });

  it('shows a stored number as written and a stored text as typed', () => {
    expect(textOf(12.5)).toBe('12.5');
    expect(textOf('12abc')).toBe('12abc');
    expect(textOf(undefined)).toBe('');
    expect(textOf(null)).toBe('');
  });
});
