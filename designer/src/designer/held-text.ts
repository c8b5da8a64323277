import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState } from 'react';

/**
 * The texts editors hold — JSON that does not parse, kept in its box until corrected — by box: the
 * place the box is in (a form's file) and the box within it (`forms/x.schema.json#examples`).
 */
interface HeldTexts {
  /** The text held for a box, if any. */
  text: (box: string) => string | undefined;
  /** Holds `text` for a box; undefined: the box's text applies, nothing is held. */
  hold: (box: string, text: string | undefined) => void;
  /** Whether a box in `place` holds text. */
  heldIn: (place: string) => boolean;
}

const HeldTextContext = createContext<HeldTexts>({
  text: () => undefined,
  hold: () => undefined,
  heldIn: () => false,
});

/** Where the editors below keep their held text: the value of `useHeldTexts().texts`. */
export const HeldTextScope = HeldTextContext.Provider;

/** The place the boxes below are in, and whether it is still the one shown. */
interface HeldTextPlace {
  name: string;
  shown: () => boolean;
}

const HeldTextPlaceContext = createContext<HeldTextPlace>({ name: '', shown: () => true });

/** Names the place of the boxes below (a form's file): `useHeldTextPlace(name)`'s value. */
export const HeldTextPlaceScope = HeldTextPlaceContext.Provider;

/**
 * The place `name` for the boxes below, shown while it is `name` that is chosen: switching to another
 * place (another form) keeps their held text for when the officer returns, as the workspace keeps a
 * form's applied edits; a box gone while its place is shown (a field removed) lets its text go.
 */
export function useHeldTextPlace(name: string): HeldTextPlace {
  const chosen = useRef(name);
  // Set while rendering: the boxes of the place left are unmounted in the commit that follows.
  chosen.current = name;
  return useMemo(() => ({ name, shown: () => chosen.current === name }), [name]);
}

/**
 * The text held in a scope. It is an edit all the same: leaving the page loses it, so the unsaved guard
 * counts it, and a save would write the file as it was before it. Held in the page, not in the box, so
 * that it outlives the box while another form is shown.
 */
export function useHeldTexts(): { held: boolean; texts: HeldTexts } {
  const [boxes, setBoxes] = useState<ReadonlyMap<string, string>>(new Map());
  const hold = useCallback((box: string, text: string | undefined) => {
    setBoxes((current) => {
      if (current.get(box) === text) return current;
      const next = new Map(current);
      if (text === undefined) next.delete(box);
      else next.set(box, text);
      return next;
    });
  }, []);
  const texts = useMemo<HeldTexts>(
    () => ({
      text: (box) => boxes.get(box),
      hold,
      heldIn: (place) => [...boxes.keys()].some((box) => box.startsWith(`${place}#`)),
    }),
    [boxes, hold],
  );
  return { held: boxes.size > 0, texts };
}

/**
 * This box's held text (what it showed when last left, if it did not parse) and how to hold or let go
 * of its text. Held in the same commit as the box shows it (the guard must know before a Back).
 */
export function useHeldText(box: string): { kept: string | undefined; hold: (text: string | undefined) => void } {
  const texts = useContext(HeldTextContext);
  const place = useContext(HeldTextPlaceContext);
  const name = `${place.name}#${box}`;
  const latest = useRef(texts);
  latest.current = texts;
  useLayoutEffect(
    () => () => {
      if (place.shown()) latest.current.hold(name, undefined);
    },
    [place, name],
  );
  return {
    kept: texts.text(name),
    hold: useCallback(
      (text: string | undefined) => {
        latest.current.hold(name, text);
      },
      [name],
    ),
  };
}

/** Whether a box in a place (a form's file) holds text: to mark the place where it is chosen. */
export function useHeldIn(): (place: string) => boolean {
  return useContext(HeldTextContext).heldIn;
}
