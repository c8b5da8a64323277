import { Button, Space, Typography, type ButtonProps } from 'antd';

interface Props extends Omit<ButtonProps, 'disabled'> {
  /** Why the button cannot be used now (undefined: it can). */
  disabledReason: string | undefined;
  testId?: string;
}

/**
 * A button that, when disabled, says why — as its tooltip and as visible text beside it (issue 12:
 * "a past effective date just disables 发布 with no reason"). A disabled button gets no mouse events,
 * so the tooltip sits on the wrapper.
 */
export function ExplainedButton({ disabledReason, testId, children, ...props }: Props) {
  const disabled = disabledReason !== undefined;
  return (
    <Space size={8} wrap>
      <span title={disabledReason} style={{ display: 'inline-block' }}>
        <Button {...props} disabled={disabled} data-testid={testId} data-disabled-reason={disabledReason}>
          {children}
        </Button>
      </span>
      {disabled && (
        <Typography.Text type="secondary" data-why-disabled={testId ?? ''}>
          {disabledReason}
        </Typography.Text>
      )}
    </Space>
  );
}
