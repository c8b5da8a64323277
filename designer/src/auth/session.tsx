import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, storedToken, storeToken } from '../api/client.js';
import { forgetUnsentWork, unsentWorkMentions } from '../workbench/unsent-work.js';
import { forgetAttachments } from '../forms/attachments.js';

export interface Me {
  username: string;
  roles: string[];
  displayName?: string;
  /** A park account's province: it starts cases only there (CONTRACT §6). */
  province?: string;
}

interface Session {
  me: Me | undefined;
  ready: boolean;
  /**
   * Why the session ended, when not by 退出 in this tab: it expired (or was ended on the server), or
   * 退出 in another tab of this browser ended it. The login page says so.
   */
  ended: 'expired' | 'elsewhere' | undefined;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  hasGroup: (...groups: string[]) => boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

/** The channel the tabs of this browser tell each other of a logout on. */
const TABS = 'qbz.session';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | undefined>();
  const [ready, setReady] = useState(false);
  const [ended, setEnded] = useState<Session['ended']>();

  useEffect(() => {
    // Sent by the API client on a 401 to a signed-in request.
    const onLogout = () => {
      setMe(undefined);
      setEnded('expired');
    };
    window.addEventListener('qbz:logout', onLogout);
    if (storedToken() === null) setReady(true);
    else
      api<Me>('GET', '/api/me')
        .then(setMe, () => {
          storeToken(null);
        })
        .finally(() => {
          setReady(true);
        });
    return () => {
      window.removeEventListener('qbz:logout', onLogout);
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    // The server signs ａｄｍｉｎ and 「admin 」 in as admin: the device is looked up as it will be kept.
    const device = deviceToken(username.normalize('NFKC').trim());
    const session = await api<{ token: string; user: Me; device: string }>('POST', '/api/session', {
      username,
      password,
      ...(device !== null && { device }),
    });
    storeToken(session.token);
    rememberDevice(session.user.username, session.device);
    setEnded(undefined);
    setMe(session.user);
  }, []);

  // Leaving on purpose: the session ends, and what this user left unsent in this tab goes with them.
  const endHere = useCallback(async () => {
    await endTabSession();
    if (me !== undefined) {
      forgetUnsentWork(me.username);
      // The names of the files uploaded for that work (kept in the tab to show it restored); those the
      // public's objection typed in this tab cites stay with it.
      forgetAttachments(unsentWorkMentions);
    }
    setMe(undefined);
  }, [me]);

  // Each tab keeps its own session (sessionStorage); 退出 in one ends them in every tab of this
  // browser, so that nobody leaves a shared computer with a session still open in another tab.
  // What was typed in those tabs is kept, as when a session expires: it was not this tab's person
  // who chose to leave it, and only the same user's next login there brings it back. The login page
  // says what happened (it showed itself without a word, and the typing was gone).
  const endedElsewhere = useCallback(async () => {
    await endTabSession();
    setEnded('elsewhere');
    setMe(undefined);
  }, []);
  // The tab's one channel: it hears the other tabs, and what it sends reaches them (not itself).
  const tabs = useRef<BroadcastChannel | undefined>(undefined);
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return undefined;
    const channel = new BroadcastChannel(TABS);
    channel.onmessage = () => {
      void endedElsewhere();
    };
    tabs.current = channel;
    return () => {
      channel.close();
    };
  }, [endedElsewhere]);

  const logout = useCallback(async () => {
    await endHere();
    tabs.current?.postMessage('logout');
  }, [endHere]);

  const hasGroup = useCallback(
    (...groups: string[]) => me?.roles.some((role) => groups.includes(role.split(':')[0] ?? '')) ?? false,
    [me],
  );

  return (
    <SessionContext.Provider value={{ me, ready, ended, login, logout, hasGroup }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Ends this tab's session on the server (an unreachable server only leaves it to expire) and forgets its token. */
async function endTabSession(): Promise<void> {
  if (storedToken() !== null) await api('DELETE', '/api/session').catch(() => undefined);
  storeToken(null);
}

/**
 * The device token an earlier login here got for this account (kept after logout): with it, this
 * browser's login waits in the server's trusted queue, which a flood of guesses cannot fill.
 */
function deviceToken(username: string): string | null {
  try {
    return localStorage.getItem(`qbz.device.${username.toLowerCase()}`);
  } catch {
    return null;
  }
}

function rememberDevice(username: string, token: string): void {
  try {
    localStorage.setItem(`qbz.device.${username.toLowerCase()}`, token);
  } catch {
    // Private browsing without storage: logins still work, in the open queue.
  }
}
