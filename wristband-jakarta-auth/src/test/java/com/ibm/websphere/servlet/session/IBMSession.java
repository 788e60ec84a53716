package com.ibm.websphere.servlet.session;

import jakarta.servlet.http.HttpSession;

/** The part of Open Liberty's session interface the library calls, for the session package's unit tests. */
public interface IBMSession extends HttpSession {

    /** Writes the session's changes to the session store now. */
    void sync();
}
