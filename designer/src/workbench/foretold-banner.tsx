import { Alert } from 'antd';
import { useId } from 'react';
import type { TaskView } from '../../../engine/cases/case-view.js';
import { fill } from '../i18n/fill.js';
import { useI18n } from '../i18n/i18n.js';
import { useDefinitionText } from '../i18n/use-definition-text.js';
import type { CaseBundle } from './case-data.js';
import { earlierLine } from './foretold-words.js';

/**
 * Above a task's form whose submission ends the case whatever it holds (the server's `foretold`: an
 * Art. 27 ban after a revocation): how it ends, the reason the definitions give, and the earlier case
 * and date that decide it — before the form is filled, not in the dialog after it (found by the walk).
 * It is the first stop of the keyboard after the page's heading, a region named by its first sentence:
 * it was no stop at all, and on a phone the first Tab took the form's first field to the screen's
 * middle with the banner's words above it, off the screen (found by the walk).
 */
export function ForetoldBanner({ task, bundle }: { task: TaskView; bundle: CaseBundle }) {
  const { t, language } = useI18n();
  const titleId = useId();
  const { view } = bundle;
  const text = useDefinitionText()(view.process);
  const foretold = view.foretold;
  if (foretold?.taskId !== task.taskId) return null;
  const statusOf = (status: string, title: string | undefined) => text(title ?? status);
  return (
    <section tabIndex={0} aria-labelledby={titleId} className="qbz-foretold" style={{ marginBottom: 16 }}>
      <Alert
        type="error"
        showIcon
        role="alert"
        data-foretold={foretold.status}
        title={
          <span id={titleId}>
            {fill(t('foretoldTitle'), { status: statusOf(foretold.status, foretold.statusTitle) })}
          </span>
        }
        description={
          <>
            {foretold.reason !== undefined && <div>{text(foretold.reason)}</div>}
            {foretold.earlier.flatMap((earlier) =>
              Object.keys(earlier.due).map((name) => (
                <div key={`${earlier.id}/${name}`} data-foretold-earlier={earlier.id}>
                  {earlierLine(earlier, name, t, text, language)}
                </div>
              )),
            )}
          </>
        }
      />
    </section>
  );
}
