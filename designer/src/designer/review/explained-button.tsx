import { Button, Space, Typography, type ButtonProps } from 'antd';
import { useId, type MouseEvent } from 'react';

interface Props extends Omit<ButtonProps, 'disabled'> {
  /** Why the button cannot be used now (undefined: it can). */
  disabledReason: string | undefined;
  testId?: string;
}

/**
 * A button that, when disabled, says why — as its tooltip and as visible text beside it (issue 12:
 * "a past effective date just disables 发布 with no reason"). The tooltip sits on the wrapper, as a
 * disabled button gets no mouse events in some browsers.
 *
 * Disabled, it stays focusable (`aria-disabled`, antd's disabled look, a press does nothing) instead of
 * taking the `disabled` attribute: most of these buttons become unavailable by being used (保存 leaves
 * nothing unsaved, 运行校验 runs), and a button disabled while it had the focus dropped the keyboard to
 * the page, so that a keyboard user started again from its top. Reachable by Tab, it is read with its
 * reason too.
 */
export function ExplainedButton({ disabledReason, testId, children, className, onClick, ...props }: Props) {
  const disabled = disabledReason !== undefined;
  const reasonId = useId();
  const press = (event: MouseEvent<HTMLElement>) => {
    if (disabled) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <Space size={8} wrap>
      <span title={disabledReason} style={{ display: 'inline-block' }}>
        <Button
          {...props}
          className={disabled ? [className, 'ant-btn-disabled'].filter(Boolean).join(' ') : className}
          aria-disabled={disabled || undefined}
          aria-describedby={disabled ? reasonId : undefined}
          onClick={press}
          data-testid={testId}
          data-disabled-reason={disabledReason}
        >
          {children}
        </Button>
      </span>
      {disabled && (
        <Typography.Text id={reasonId} type="secondary" data-why-disabled={testId ?? ''}>
          {disabledReason}
        </Typography.Text>
      )}
    </Space>
  );
}
