<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is not an Agentdesk conversation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Started %1 on %2 as %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::AboutDialog</name>
    <message>
        <source>About Agentdesk</source>
        <translation>Über Agentdesk</translation>
    </message>
    <message>
        <source>Agentdesk logo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;h2&gt;Agentdesk %1&lt;/h2&gt;&lt;p&gt;Run AI-agent workflows securely on a desk or a server: a desktop client for FastAgency-style workflow servers, with a server of its own.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Conversations are kept in:&lt;br&gt;&lt;code&gt;%4&lt;/code&gt;&lt;/p&gt;</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::AskDialog</name>
    <message>
        <source>The workflow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Question from %1</source>
        <translation>Frage von %1</translation>
    </message>
    <message>
        <source>%1 asks:</source>
        <translation>%1 fragt:</translation>
    </message>
    <message>
        <source>(The workflow sent no prompt.)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Cancel sends an empty answer.</source>
        <translation>Abbrechen sendet eine leere Antwort.</translation>
    </message>
    <message>
        <source>Cancel sends the default, “%1”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Secret answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hidden input</source>
        <translation>Verdeckte Eingabe</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Suggestions (click to use, double-click to send):</source>
        <translation>Vorschläge (Klick übernimmt, Doppelklick sendet):</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(The workflow offered no choices.)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::ConversationDelegate</name>
    <message>
        <source>▾ Hide details</source>
        <translation>▾ Details ausblenden</translation>
    </message>
    <message numerus="yes">
        <source>▸ Show the full error (%n line(s))</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message numerus="yes">
        <source>▸ Show details (%n line(s))</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>You answered</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::ConversationModel</name>
    <message>
        <source>You</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled the question; sent:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(empty answer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(empty message)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suggests calling %1()</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>call id: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1() returned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Asks for a secret</source>
        <translation>Fragt nach einem Geheimnis</translation>
    </message>
    <message>
        <source>Asks</source>
        <translation>Fragt</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Asks to choose one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Asks to choose any</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> (default)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>System message</source>
        <translation>Systemnachricht</translation>
    </message>
    <message>
        <source>(keep-alive)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workflow “%1” started</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Parameters:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workflow completed</source>
        <translation>Workflow abgeschlossen</translation>
    </message>
    <message>
        <source>(no result)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(unknown sender)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::ConversationRecorder</name>
    <message>
        <source>The history folder %1 cannot be created.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The conversation cannot be saved to %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>&amp;Copy message</source>
        <translation>Nachricht &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the &amp;whole conversation</source>
        <translation>&amp;Ganze Unterhaltung kopieren</translation>
    </message>
    <message>
        <source>Show or hide &amp;details</source>
        <translation>&amp;Details ein- oder ausblenden</translation>
    </message>
    <message>
        <source>&amp;Select text…</source>
        <translation>Text &amp;auswählen …</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>&amp;Details ausblenden</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>&amp;Details zeigen</translation>
    </message>
</context>
<context>
    <name>agentdesk::DesktopController</name>
    <message>
        <source>The saved sign-in could not be removed from the keychain: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Account “%1” created. Signing in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking your saved sign-in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Signed out: the session ended.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your session has ended (%1). Sign in again to continue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Sign in again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your session has ended. Sign in again to continue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No keychain is available (%1). Your sign-in is kept in memory for this session only: you will be asked to sign in again next time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workflow completed.</source>
        <translation>Workflow abgeschlossen.</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft …</translation>
    </message>
    <message>
        <source>Starting “%1”…</source>
        <translation>Starte „%1“ …</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>The answer was not sent: the run is no longer connected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You stopped the run.</source>
        <translation>Sie haben den Lauf angehalten.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>From the history: started %1, %2. Read-only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are signed out.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::FirstAccountDialog</name>
    <message>
        <source>Welcome to Agentdesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Create the first account.&lt;/b&gt;&lt;br&gt;The server built into Agentdesk has no users yet, and there is no built-in password: the account you create now is the one you sign in with.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a username: letters, digits and . _ @ + - only, up to 64 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“%1” is not an email address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This build cannot create accounts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The account was not created: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::HistoryDialog</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Words from a conversation, a workflow, an agent…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the conversation read-only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export &amp;Markdown…</source>
        <translation>Als &amp;Markdown exportieren …</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren …</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close the history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>History of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::LoginDialog</name>
    <message>
        <source>Sign in to Agentdesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Sign in&lt;/b&gt; to a workflow server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use the server built into Agentdesk (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter your username.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::MainWindow</name>
    <message>
        <source>&lt;b&gt;Workflows&lt;/b&gt;</source>
        <translation>&lt;b&gt;Workflows&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start the workflow in a new tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start the selected workflow in a new tab (Ctrl+N)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the current run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a workflow and press Start: its conversation opens here, in a tab of its own. Several runs may go on at once.</source>
        <translation>Wählen Sie einen Workflow und drücken Sie Starten: Seine Unterhaltung öffnet sich hier in einem eigenen Tab. Mehrere Läufe können gleichzeitig laufen.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>&amp;New run</source>
        <translation>&amp;Neuer Lauf</translation>
    </message>
    <message>
        <source>Start the selected workflow in a new tab</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>S&amp;top run</source>
        <translation>Lauf an&amp;halten</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>Tab &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Refresh workflows</source>
        <translation>Workflows &amp;aktualisieren</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Embedded server…</source>
        <translation>&amp;Eingebetteter Server …</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Ne&amp;xt tab</source>
        <translation>&amp;Nächster Tab</translation>
    </message>
    <message>
        <source>Pre&amp;vious tab</source>
        <translation>&amp;Vorheriger Tab</translation>
    </message>
    <message>
        <source>&amp;About Agentdesk</source>
        <translation>Über &amp;Agentdesk</translation>
    </message>
    <message>
        <source>&amp;Agentdesk</source>
        <translation>&amp;Agentdesk</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation>Angemeldet als %1 auf %2</translation>
    </message>
    <message>
        <source>This server offers no workflows.</source>
        <translation>Dieser Server bietet keine Workflows an.</translation>
    </message>
    <message numerus="yes">
        <source>%n workflow(s) available</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>%1 asks a question</source>
        <translation>%1 stellt eine Frage</translation>
    </message>
    <message>
        <source>Close a running workflow?</source>
        <translation>Laufenden Workflow schließen?</translation>
    </message>
    <message>
        <source>“%1” is still running. Closing its tab stops it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop and close</source>
        <translation>Anhalten und schließen</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <source>Choose a workflow.</source>
        <translation>Wählen Sie einen Workflow.</translation>
    </message>
    <message>
        <source>Quit with runs going?</source>
        <translation>Beenden, obwohl Läufe laufen?</translation>
    </message>
    <message>
        <source>Some workflows are still running. Closing the window stops them.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::RunConnection</name>
    <message>
        <source>The server sent a message this client cannot read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server refused the run: your session is no longer valid.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server refused the run (HTTP 400: the account may be disabled).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server refused the run (HTTP %1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not connect to the server: it refused the connection. Is it running?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not connect to the server: host not found.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not open the run's connection: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server ended the run: %1 (code %2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The connection to the server was lost before the workflow finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The server did not open the run's connection in time.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::RunTab</name>
    <message>
        <source>Working</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbeitet …</translation>
    </message>
    <message>
        <source>The workflow is working</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (history)</source>
        <translation>%1 (Verlauf)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
</context>
<context>
    <name>agentdesk::ServerClient</name>
    <message>
        <source>Signing in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Listing the workflows</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting the workflow</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the server's address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>“%1” is not a server address (expected http://host:port or https://host).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your session is no longer valid.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server answered HTTP %1 %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server's answer is not what a FastAgency server sends (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no bearer access_token</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the workflow list is not a JSON array</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> failed: </source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server at %1 refused the connection. Is it running?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server %1 was not found. Check the address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server at %1 did not answer within %2 seconds.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server at %1 closed the connection unexpectedly.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the secure connection to %1 failed: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>could not talk to %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>agentdesk::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Notify me when a workflow asks a question while Agentdesk is in the background</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notifications for questions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keep conversations in the history</source>
        <translation>Unterhaltungen im &amp;Verlauf behalten</translation>
    </message>
    <message>
        <source>Keep conversations in the history</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Answers to password prompts are never kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversation font size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversation &amp;font size:</source>
        <translation>&amp;Schriftgröße der Unterhaltung:</translation>
    </message>
</context>
<context>
    <name>agentdesk::TokenStore</name>
    <message>
        <source>the keychain did not answer in time (is it locked?)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no keychain service is available</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>