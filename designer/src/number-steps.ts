import { pageMessage, watchElements } from './watch-elements.js';

/**
 * antd's number field names its step buttons "Increase Value" and "Decrease Value", in every
 * language (@rc-component/input-number has them fixed): they are named from the catalogue instead.
 */
export function nameNumberSteps(): void {
  watchElements('.ant-input-number-action-up, .ant-input-number-action-down', (step) => {
    const up = step.classList.contains('ant-input-number-action-up');
    step.setAttribute('aria-label', pageMessage(up ? 'stepUp' : 'stepDown'));
  });
}
