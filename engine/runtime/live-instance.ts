import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { feelExpressions, feelScripts, legalTimeExtension, type FeelHost } from './bpmn-handlers.js';
import { RecordingTimers } from './recording-timers.js';
import { snapshotOf, type Snapshot } from './snapshot.js';
import { AS_DRAWN, type RuntimeVersion } from './runtime-version.js';

/** What happens inside bpmn-engine during one step, reported as it happens (synchronously). */
export interface StepHost extends FeelHost {
  /** A token entered a flow node. */
  entered(elementId: string): void;
  /** A flow node completed (output assignments run here). */
  completed(elementId: string): void;
}

type Execution = Awaited<ReturnType<Engine['execute']>>;

interface ActivityApi {
  id: string;
  type: string;
}

const silent = { debug: () => undefined, error: () => undefined, warn: () => undefined };
const silentLogger = () => silent;

/** The slim state bpmn-engine gives back, without the embedded source (one per version instead). */
export type EngineState = Record<string, unknown> & { definitions?: Record<string, unknown>[] };

/**
 * One case's process running in bpmn-engine, between loading and saving. The engine keeps a bounded
 * number of these (hot cases); everything else lives only as saved state. Steps are synchronous in
 * bpmn-engine, so a call such as `signalTask` has finished the whole transition when it returns.
 */
/** The step host of an instance, shared with the handlers bpmn-engine calls back. */
interface HostSlot {
  current: StepHost | undefined;
}

export class LiveInstance {
  readonly #slot: HostSlot;
  #replaying = false;
  #errors: Error[] = [];

  /** The bpmn-engine objects (megabytes); gone once the instance is released. */
  #core: { engine: Engine; timers: RecordingTimers; execution?: Execution } | undefined;

  private constructor(
    readonly version: RuntimeVersion,
    /** Which of the version's layouts the instance runs on (its state recovers only on that one). */
    readonly layout: string,
  ) {
    const sourceContext = version.layouts.get(layout);
    if (sourceContext === undefined) throw new Error(`${version.key} has no layout "${layout}" to run this case on`);
    const slot: HostSlot = { current: undefined };
    this.#slot = slot;
    const host = (): StepHost => {
      if (slot.current === undefined) throw new Error('no step is running on this case');
      return slot.current;
    };
    const timers = new RecordingTimers();
    const engine: Engine = new Engine({
      name: version.key,
      sourceContext,
      scripts: feelScripts(host),
      expressions: feelExpressions(host),
      timers,
      extensions: { legalTime: legalTimeExtension },
      settings: { disableTrackState: true },
      // bpmn-engine's default `debug` logger costs a tty probe per element on every recover.
      Logger: silentLogger,
    } as unknown as ConstructorParameters<typeof Engine>[0]);
    engine.on('error', (error: Error) => this.#errors.push(error));
    this.#core = { engine, timers };
  }

  #listener(): EventEmitter {
    const listener = new EventEmitter();
    listener.on('activity.enter', (api: ActivityApi) => {
      if (!this.#replaying) this.#slot.current?.entered(api.id);
    });
    listener.on('activity.end', (api: ActivityApi) => {
      if (!this.#replaying) this.#slot.current?.completed(api.id);
    });
    return listener;
  }

  /** Starts a new process instance; `host` sees the first step (up to the first wait). */
  static async start(version: RuntimeVersion, host: StepHost): Promise<LiveInstance> {
    const instance = new LiveInstance(version, version.startLayout);
    instance.#slot.current = host;
    const core = instance.#parts();
    try {
      core.execution = await core.engine.execute({ listener: instance.#listener() });
    } finally {
      instance.#slot.current = undefined;
    }
    instance.#throwErrors();
    return instance;
  }

  /**
   * Rebuilds an instance from saved state. Resuming replays waits and timers: `host` only evaluates
   * what bpmn-engine re-reads (a multi-instance collection); entries and completions are not reported.
   */
  static async recover(
    version: RuntimeVersion,
    state: EngineState,
    host: StepHost,
    layout: string = AS_DRAWN,
  ): Promise<LiveInstance> {
    const instance = new LiveInstance(version, layout);
    const core = instance.#parts();
    core.engine.recover(structuredClone(state));
    instance.#replaying = true;
    instance.#slot.current = host;
    try {
      core.execution = await core.engine.resume({ listener: instance.#listener() });
    } finally {
      instance.#replaying = false;
      instance.#slot.current = undefined;
    }
    instance.#throwErrors();
    return instance;
  }

  /** Runs `action` as one step seen by `host`; throws what bpmn-engine reported as an error. */
  step(host: StepHost, action: () => void): void {
    this.#slot.current = host;
    try {
      action();
    } finally {
      this.#slot.current = undefined;
    }
    this.#throwErrors();
  }

  signalTask(elementId: string, executionId: string): void {
    this.#execution().signal({ id: elementId, executionId });
  }

  /** Delivers a message to every active catch event of it (by the `<message>` element id). */
  deliverMessage(messageId: string): void {
    this.#execution().signal({ id: messageId });
  }

  /** Fires a recorded timer; false when no timer with that executionId is armed. */
  fireTimer(executionId: string): boolean {
    return this.#parts().timers.fire(executionId);
  }

  snapshot(): Snapshot {
    return snapshotOf(this.#execution(), this.#parts().timers, this.version.model);
  }

  get completed(): boolean {
    return (this.#parts().engine.state as string) !== 'running';
  }

  /** The state to save (synchronous: bpmn-engine's execution answers at once). */
  state(): EngineState {
    const state = this.#execution().getState() as unknown as EngineState;
    for (const definition of state.definitions ?? []) delete definition.source;
    return state;
  }

  async stop(): Promise<void> {
    await this.#parts().engine.stop();
  }

  /**
   * Lets go of the bpmn-engine objects now, rather than when the last reference to this instance
   * goes. An async function keeps its arguments until it returns, so an instance passed into a
   * command would otherwise stay in memory through the command's database round trip; under load
   * that held dozens of these megabyte instances at once, and most of the CPU went to copying them
   * in the garbage collector (docs/benchmarks.md). A released instance answers nothing more.
   */
  release(): void {
    this.#core = undefined;
  }

  #parts() {
    if (this.#core === undefined) throw new Error('process instance was released');
    return this.#core;
  }

  #execution(): Execution {
    const { execution } = this.#parts();
    if (execution === undefined) throw new Error('process instance is not running');
    return execution;
  }

  #throwErrors(): void {
    if (this.#errors.length === 0) return;
    const [first] = this.#errors;
    this.#errors = [];
    if (first !== undefined) throw first;
  }
}
