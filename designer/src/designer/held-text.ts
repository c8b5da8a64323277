import { createContext, useCallback, useContext, useId, useLayoutEffect, useState } from 'react';

/** Tells the version page that an editor in it shows text it cannot apply yet (true), or no longer (false). */
type Hold = (editor: string, held: boolean) => void;

const HeldTextContext = createContext<Hold>(() => undefined);

/** Where the editors below report their held text: the value of `useHeldTexts().hold`. */
export const HeldTextScope = HeldTextContext.Provider;

/**
 * The editors in a scope that show text not in the workspace — JSON that does not parse, kept in its
 * box until corrected. It is an edit all the same: leaving the page loses it, so the unsaved guard
 * counts it, and a save would write the file as it was before it.
 */
export function useHeldTexts(): { held: boolean; hold: Hold } {
  const [editors, setEditors] = useState<ReadonlySet<string>>(new Set());
  const hold = useCallback<Hold>((editor, held) => {
    setEditors((current) => {
      if (current.has(editor) === held) return current;
      const next = new Set(current);
      if (held) next.add(editor);
      else next.delete(editor);
      return next;
    });
  }, []);
  return { held: editors.size > 0, hold };
}

/**
 * Reports this editor's text as held while `held` (and not once it is gone). A layout effect, as the
 * guard's: the guard changes in the same commit as the box that shows the text.
 */
export function useHeldText(held: boolean): void {
  const hold = useContext(HeldTextContext);
  const editor = useId();
  useLayoutEffect(() => {
    hold(editor, held);
    return () => {
      hold(editor, false);
    };
  }, [hold, editor, held]);
}
