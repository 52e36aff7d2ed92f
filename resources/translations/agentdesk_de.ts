<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>%1 is not an Agentdesk conversation.</source>
        <translation>%1 ist keine Agentdesk-Unterhaltung.</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>Started %1 on %2 as %3</source>
        <translation>Gestartet am %1 auf %2 als %3</translation>
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
        <translation>Agentdesk-Logo</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Agentdesk %1&lt;/h2&gt;&lt;p&gt;Run AI-agent workflows securely on a desk or a server: a desktop client for FastAgency-style workflow servers, with a server of its own.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;&lt;p&gt;Conversations are kept in:&lt;br&gt;&lt;code&gt;%4&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Agentdesk %1&lt;/h2&gt;&lt;p&gt;KI-Agenten-Workflows sicher auf dem Arbeitsplatzrechner oder auf einem Server ausführen: ein Desktop-Client für Workflow-Server nach Art von FastAgency, mit eigenem eingebautem Server.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft unter Qt %3.&lt;/p&gt;&lt;p&gt;Unterhaltungen werden gespeichert in:&lt;br&gt;&lt;code&gt;%4&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>agentdesk::AskDialog</name>
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
        <translation>(Der Workflow hat keinen Fragetext gesendet.)</translation>
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
        <translation>Abbrechen sendet die Vorgabe „%1“.</translation>
    </message>
    <message>
        <source>Secret answer</source>
        <translation>Geheime Antwort</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
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
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>(The workflow offered no choices.)</source>
        <translation>(Der Workflow hat keine Auswahlmöglichkeiten angeboten.)</translation>
    </message>
    <message>
        <source>Question from the workflow</source>
        <translation>Frage vom Workflow</translation>
    </message>
    <message>
        <source>The workflow asks:</source>
        <translation>Der Workflow fragt:</translation>
    </message>
</context>
<context>
    <name>agentdesk::CertificateDialog</name>
    <message>
        <source>Untrusted certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>The secure connection to &lt;b&gt;%1&lt;/b&gt; cannot be verified. Someone could be impersonating the server. Trust this certificate only if you know it is the server&apos;s own (compare the fingerprint with its administrator).</source>
        <translation>Die sichere Verbindung zu &lt;b&gt;%1&lt;/b&gt; kann nicht überprüft werden. Jemand könnte sich als dieser Server ausgeben. Vertrauen Sie diesem Zertifikat nur, wenn Sie sicher sind, dass es das Zertifikat des Servers ist (gleichen Sie den Fingerabdruck mit dem Administrator des Servers ab).</translation>
    </message>
    <message>
        <source>Certificate details</source>
        <translation>Zertifikatsdetails</translation>
    </message>
    <message>
        <source>Do &amp;not trust</source>
        <translation>&amp;Nicht vertrauen</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate for %1</source>
        <translation>Diesem Zertifikat für %1 &amp;vertrauen</translation>
    </message>
</context>
<context>
    <name>agentdesk::CertificateTrust</name>
    <message>
        <source>Problems found:</source>
        <translation>Gefundene Probleme:</translation>
    </message>
    <message>
        <source>Server certificate:</source>
        <translation>Serverzertifikat:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Ausgestellt von:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Also valid for:</source>
        <translation>Auch gültig für:</translation>
    </message>
    <message>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>until:</source>
        <translation>bis:</translation>
    </message>
    <message>
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
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
        <translation>
            <numerusform>▸ Vollständigen Fehler anzeigen (%n Zeile)</numerusform>
            <numerusform>▸ Vollständigen Fehler anzeigen (%n Zeilen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>▸ Show details (%n line(s))</source>
        <translation>
            <numerusform>▸ Details anzeigen (%n Zeile)</numerusform>
            <numerusform>▸ Details anzeigen (%n Zeilen)</numerusform>
        </translation>
    </message>
    <message>
        <source>You answered</source>
        <translation>Ihre Antwort</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
</context>
<context>
    <name>agentdesk::ConversationModel</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Cancelled the question; sent:</source>
        <translation>Frage abgebrochen; gesendet:</translation>
    </message>
    <message>
        <source>(empty answer)</source>
        <translation>(leere Antwort)</translation>
    </message>
    <message>
        <source>(empty message)</source>
        <translation>(leere Nachricht)</translation>
    </message>
    <message>
        <source>Suggests calling %1()</source>
        <translation>Schlägt den Aufruf von %1() vor</translation>
    </message>
    <message>
        <source>call id: %1</source>
        <translation>Aufruf-ID: %1</translation>
    </message>
    <message>
        <source>%1() returned</source>
        <translation>Rückgabe von %1()</translation>
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
        <translation>(kein Fragetext)</translation>
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation>Vorschläge: %1</translation>
    </message>
    <message>
        <source>Asks to choose one</source>
        <translation>Lässt eine Option wählen</translation>
    </message>
    <message>
        <source>Asks to choose any</source>
        <translation>Lässt beliebig viele Optionen wählen</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (Vorgabe)</translation>
    </message>
    <message>
        <source>System message</source>
        <translation>Systemnachricht</translation>
    </message>
    <message>
        <source>(keep-alive)</source>
        <translation>(Keep-alive)</translation>
    </message>
    <message>
        <source>Workflow “%1” started</source>
        <translation>Workflow „%1“ gestartet</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>Workflow completed</source>
        <translation>Workflow abgeschlossen</translation>
    </message>
    <message>
        <source>(no result)</source>
        <translation>(kein Ergebnis)</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>(unknown sender)</source>
        <translation>(unbekannter Absender)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
</context>
<context>
    <name>agentdesk::ConversationRecorder</name>
    <message>
        <source>The history folder %1 cannot be created.</source>
        <translation>Der Verlaufsordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The conversation cannot be saved to %1: %2</source>
        <translation>Die Unterhaltung kann nicht in %1 gespeichert werden: %2</translation>
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
        <translation>Die gespeicherte Anmeldung konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>Account “%1” created. Signing in…</source>
        <translation>Konto „%1“ erstellt. Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Checking your saved sign-in…</source>
        <translation>Gespeicherte Anmeldung wird geprüft …</translation>
    </message>
    <message>
        <source>Your session has ended (%1). Sign in again to continue.</source>
        <translation>Ihre Sitzung wurde beendet (%1). Melden Sie sich erneut an, um fortzufahren.</translation>
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Sign in again.</source>
        <translation>Ihre gespeicherte Anmeldung ist nicht mehr gültig. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again to continue.</source>
        <translation>Ihre Sitzung wurde beendet. Melden Sie sich erneut an, um fortzufahren.</translation>
    </message>
    <message>
        <source>No keychain is available (%1). Your sign-in is kept in memory for this session only: you will be asked to sign in again next time.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Ihre Anmeldung wird nur für diese Sitzung im Arbeitsspeicher gehalten: Beim nächsten Mal müssen Sie sich erneut anmelden.</translation>
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
        <translation>Die Antwort wurde nicht gesendet: Der Lauf ist nicht mehr verbunden.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
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
        <translation>Aus dem Verlauf: gestartet am %1, %2. Schreibgeschützt.</translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation>Sie sind abgemeldet.</translation>
    </message>
    <message>
        <source>You trusted the certificate of %1. Sign in again.</source>
        <translation>Sie vertrauen jetzt dem Zertifikat von %1. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Choose a saved account or sign in to another server.</source>
        <translation>Wählen Sie ein gespeichertes Konto oder melden Sie sich bei einem anderen Server an.</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>diesem Computer</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Not started: the session ended.</source>
        <translation>Nicht gestartet: Die Sitzung wurde beendet.</translation>
    </message>
    <message>
        <source>Not started: sign in again, then start it again.</source>
        <translation>Nicht gestartet: Melden Sie sich erneut an und starten Sie den Workflow dann noch einmal.</translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s (attempt %3 of %4)…</source>
        <translation>%1 Neuer Versuch in %2 s (Versuch %3 von %4) …</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting in %1 s (attempt %2 of %3)…</source>
        <translation>Verbindung verloren – erneuter Verbindungsaufbau in %1 s (Versuch %2 von %3) …</translation>
    </message>
    <message>
        <source>Reconnected.</source>
        <translation>Wieder verbunden.</translation>
    </message>
    <message>
        <source>Reconnected</source>
        <translation>Wieder verbunden</translation>
    </message>
    <message>
        <source>Not continued: you signed in as another account.</source>
        <translation>Nicht fortgesetzt: Sie haben sich mit einem anderen Konto angemeldet.</translation>
    </message>
    <message>
        <source>The workflow ended with an error: %1</source>
        <translation>Der Workflow endete mit einem Fehler: %1</translation>
    </message>
    <message>
        <source>Waiting for you to sign in again…</source>
        <translation>Warte auf Ihre erneute Anmeldung …</translation>
    </message>
</context>
<context>
    <name>agentdesk::FirstAccountDialog</name>
    <message>
        <source>Welcome to Agentdesk</source>
        <translation>Willkommen bei Agentdesk</translation>
    </message>
    <message>
        <source>&lt;b&gt;Create the first account.&lt;/b&gt;&lt;br&gt;The server built into Agentdesk has no users yet, and there is no built-in password: the account you create now is the one you sign in with.</source>
        <translation>&lt;b&gt;Erstellen Sie das erste Konto.&lt;/b&gt;&lt;br&gt;Der in Agentdesk eingebaute Server hat noch keine Benutzer, und es gibt kein voreingestelltes Passwort: Mit dem Konto, das Sie jetzt erstellen, melden Sie sich an.</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Vollständiger Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Choose a username: letters, digits and . _ @ + - only, up to 64 characters.</source>
        <translation>Wählen Sie einen Benutzernamen: nur Buchstaben, Ziffern und . _ @ + -, höchstens 64 Zeichen.</translation>
    </message>
    <message>
        <source>“%1” is not an email address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Das Passwort muss mindestens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>This build cannot create accounts.</source>
        <translation>Diese Programmversion kann keine Konten erstellen.</translation>
    </message>
    <message>
        <source>The account was not created: %1</source>
        <translation>Das Konto wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Add a user to the server built into Agentdesk.&lt;/b&gt;&lt;br&gt;Tell them their password yourself; they sign in with it.</source>
        <translation>&lt;b&gt;Fügen Sie dem in Agentdesk eingebauten Server einen Benutzer hinzu.&lt;/b&gt;&lt;br&gt;Teilen Sie der Person das Passwort selbst mit; damit meldet sie sich an.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
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
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <source>Words from a conversation, a workflow, an agent…</source>
        <translation>Wörter aus einer Unterhaltung, einem Workflow, einem Agenten …</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
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
        <translation>Unterhaltung schreibgeschützt öffnen</translation>
    </message>
    <message>
        <source>Export &amp;Markdown…</source>
        <translation>Als &amp;Markdown exportieren …</translation>
    </message>
    <message>
        <source>Export as Markdown</source>
        <translation>Als Markdown exportieren</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren …</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <source>Close the history</source>
        <translation>Verlauf schließen</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>agentdesk::LoginDialog</name>
    <message>
        <source>Sign in to Agentdesk</source>
        <translation>Bei Agentdesk anmelden</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sign in&lt;/b&gt; to a workflow server</source>
        <translation>Bei einem Workflow-Server &lt;b&gt;anmelden&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Use the server built into Agentdesk (%1)</source>
        <translation>Den in Agentdesk eingebauten Server verwenden (%1)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Sa&amp;ved:</source>
        <translation>&amp;Gespeichert:</translation>
    </message>
    <message>
        <source>Saved servers and accounts</source>
        <translation>Gespeicherte Server und Konten</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Remove this account from the list and its saved sign-in from the keychain</source>
        <translation>Dieses Konto aus der Liste und seine gespeicherte Anmeldung aus dem Schlüsselbund entfernen</translation>
    </message>
    <message>
        <source>Another server or account…</source>
        <translation>Anderer Server oder anderes Konto …</translation>
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
        <translation>Workflow in einem neuen Tab starten</translation>
    </message>
    <message>
        <source>Start the selected workflow in a new tab (Ctrl+N)</source>
        <translation>Ausgewählten Workflow in einem neuen Tab starten (Strg+N)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the current run</source>
        <translation>Aktuellen Lauf anhalten</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
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
        <translation>Ausgewählten Workflow in einem neuen Tab starten</translation>
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
        <translation>Eingebetteter &amp;Server …</translation>
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
        <translation>Nä&amp;chster Tab</translation>
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
        <translation>Haupt-Werkzeugleiste</translation>
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
        <translation>
            <numerusform>%n Workflow verfügbar</numerusform>
            <numerusform>%n Workflows verfügbar</numerusform>
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
        <translation>„%1“ läuft noch. Wenn Sie den Tab schließen, wird der Workflow angehalten.</translation>
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
        <translation>Trotz laufender Workflows beenden?</translation>
    </message>
    <message>
        <source>S&amp;witch server or account…</source>
        <translation>Server oder Konto &amp;wechseln …</translation>
    </message>
    <message>
        <source>Some workflows are still running. Quitting stops them.</source>
        <translation>Einige Workflows laufen noch. Beim Beenden werden sie angehalten.</translation>
    </message>
    <message>
        <source>&amp;Quit and stop them</source>
        <translation>&amp;Beenden und anhalten</translation>
    </message>
</context>
<context>
    <name>agentdesk::Notifier</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>agentdesk::PasswordResetDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>A new password for &lt;b&gt;%1&lt;/b&gt;. Their saved sign-ins with the old password stop working where the server&apos;s token mode allows.</source>
        <translation>Ein neues Passwort für &lt;b&gt;%1&lt;/b&gt;. Mit dem alten Passwort gespeicherte Anmeldungen funktionieren nicht mehr, soweit der Token-Modus des Servers das zulässt.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort festlegen</translation>
    </message>
</context>
<context>
    <name>agentdesk::RunConnection</name>
    <message>
        <source>The server sent a message this client cannot read.</source>
        <translation>Der Server hat eine Nachricht gesendet, die dieser Client nicht lesen kann.</translation>
    </message>
    <message>
        <source>The server refused the run: your session is no longer valid.</source>
        <translation>Der Server hat den Lauf abgelehnt: Ihre Sitzung ist nicht mehr gültig.</translation>
    </message>
    <message>
        <source>The server refused the run (HTTP 400: the account may be disabled).</source>
        <translation>Der Server hat den Lauf abgelehnt (HTTP 400: Das Konto ist möglicherweise deaktiviert).</translation>
    </message>
    <message>
        <source>The server refused the run (HTTP %1).</source>
        <translation>Der Server hat den Lauf abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>Could not connect to the server: it refused the connection. Is it running?</source>
        <translation>Keine Verbindung zum Server möglich: Er hat die Verbindung abgelehnt. Läuft er?</translation>
    </message>
    <message>
        <source>Could not connect to the server: host not found.</source>
        <translation>Keine Verbindung zum Server möglich: Host nicht gefunden.</translation>
    </message>
    <message>
        <source>Could not open the run&apos;s connection: %1</source>
        <translation>Die Verbindung für den Lauf konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The server ended the run: %1 (code %2).</source>
        <translation>Der Server hat den Lauf beendet: %1 (Code %2).</translation>
    </message>
    <message>
        <source>The connection to the server was lost before the workflow finished.</source>
        <translation>Die Verbindung zum Server ist abgebrochen, bevor der Workflow fertig war.</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>The server did not open the run&apos;s connection in time.</source>
        <translation>Der Server hat die Verbindung für den Lauf nicht rechtzeitig geöffnet.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut: %1</translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation>Der Server antwortete mit HTTP %1.</translation>
    </message>
    <message>
        <source>after one attempt</source>
        <translation>nach einem Versuch</translation>
    </message>
    <message>
        <source>after %1 attempts</source>
        <translation>nach %1 Versuchen</translation>
    </message>
    <message>
        <source>The connection to the server was lost and could not be restored %1 (%2). The run may be gone from the server: start the workflow again.</source>
        <translation>Die Verbindung zum Server ist abgebrochen und konnte %1 nicht wiederhergestellt werden (%2). Der Lauf existiert auf dem Server möglicherweise nicht mehr: Starten Sie den Workflow erneut.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>The server closed the connection before the workflow finished: %1 (code %2).</source>
        <translation>Der Server hat die Verbindung geschlossen, bevor der Workflow fertig war: %1 (Code %2).</translation>
    </message>
    <message>
        <source>The run could not reconnect: your session is no longer valid. Sign in again to continue it.</source>
        <translation>Der Lauf konnte sich nicht wieder verbinden: Ihre Sitzung ist nicht mehr gültig. Melden Sie sich erneut an, um ihn fortzusetzen.</translation>
    </message>
    <message>
        <source>The server no longer has this run: it may have restarted, or the connection was away longer than it waits. Start the workflow again.</source>
        <translation>Der Server kennt diesen Lauf nicht mehr: Er wurde vielleicht neu gestartet, oder die Verbindung war länger weg, als er wartet. Starten Sie den Workflow erneut.</translation>
    </message>
</context>
<context>
    <name>agentdesk::RunTab</name>
    <message>
        <source>Working</source>
        <translation>Arbeitet</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbeitet …</translation>
    </message>
    <message>
        <source>The workflow is working</source>
        <translation>Der Workflow arbeitet</translation>
    </message>
    <message>
        <source>Run status</source>
        <translation>Status des Laufs</translation>
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
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>Listing the workflows</source>
        <translation>Abrufen der Workflows</translation>
    </message>
    <message>
        <source>Starting the workflow</source>
        <translation>Starten des Workflows</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Geben Sie die Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>“%1” is not a server address (expected http://host:port or https://host).</source>
        <translation>„%1“ ist keine Serveradresse (erwartet: http://host:port oder https://host).</translation>
    </message>
    <message>
        <source>Your session is no longer valid.</source>
        <translation>Ihre Sitzung ist nicht mehr gültig.</translation>
    </message>
    <message>
        <source>the server answered HTTP %1 %2</source>
        <translation>Der Server antwortete mit HTTP %1 %2</translation>
    </message>
    <message>
        <source>the server&apos;s answer is not what a FastAgency server sends (%1).</source>
        <translation>Die Antwort des Servers entspricht nicht dem, was ein FastAgency-Server sendet (%1).</translation>
    </message>
    <message>
        <source>no bearer access_token</source>
        <translation>kein access_token vom Typ „bearer“</translation>
    </message>
    <message>
        <source>the workflow list is not a JSON array</source>
        <translation>die Workflow-Liste ist kein JSON-Array</translation>
    </message>
    <message>
        <source> failed: </source>
        <translation> fehlgeschlagen: </translation>
    </message>
    <message>
        <source>the server at %1 refused the connection. Is it running?</source>
        <translation>Der Server unter %1 hat die Verbindung abgelehnt. Läuft er?</translation>
    </message>
    <message>
        <source>the server %1 was not found. Check the address.</source>
        <translation>Der Server %1 wurde nicht gefunden. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>the server at %1 did not answer within %2 seconds.</source>
        <translation>Der Server unter %1 hat nicht innerhalb von %2 Sekunden geantwortet.</translation>
    </message>
    <message>
        <source>the server at %1 closed the connection unexpectedly.</source>
        <translation>Der Server unter %1 hat die Verbindung unerwartet geschlossen.</translation>
    </message>
    <message>
        <source>the secure connection to %1 failed: %2</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>could not talk to %1: %2</source>
        <translation>Keine Kommunikation mit %1 möglich: %2</translation>
    </message>
    <message>
        <source>the certificate of %1 is not trusted: %2</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut: %2</translation>
    </message>
</context>
<context>
    <name>agentdesk::ServerDialog</name>
    <message>
        <source>Embedded server</source>
        <translation>Eingebetteter Server</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the server address</source>
        <translation>Serveradresse kopieren</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>Läufe:</translation>
    </message>
    <message>
        <source>User database:</source>
        <translation>Benutzerdatenbank:</translation>
    </message>
    <message>
        <source>The server listens on this computer only (loopback), on a port chosen at each start. Other programs on this computer can reach it with the address above and an account&apos;s password.</source>
        <translation>Der Server ist nur auf diesem Computer erreichbar (Loopback), auf einem bei jedem Start neu gewählten Port. Andere Programme auf diesem Computer erreichen ihn über die obige Adresse und das Passwort eines Kontos.</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Users of the embedded server</source>
        <translation>Benutzer des eingebetteten Servers</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>Benutzer &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Passwort &amp;zurücksetzen …</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Benutzer</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>Serverprotokoll</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>%1 (running, waiting for a client, or ended in the last moments)</source>
        <translation>%1 (laufend, auf einen Client wartend oder gerade eben beendet)</translation>
    </message>
    <message>
        <source>The users cannot be read: %1</source>
        <translation>Die Benutzer können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>You are signed in as this user: sign in as another to disable it.</source>
        <translation>Sie sind als dieser Benutzer angemeldet: Melden Sie sich als anderer Benutzer an, um ihn zu deaktivieren.</translation>
    </message>
    <message>
        <source>Added user %1.</source>
        <translation>Benutzer %1 hinzugefügt.</translation>
    </message>
    <message>
        <source>%1 was not changed: %2</source>
        <translation>%1 wurde nicht geändert: %2</translation>
    </message>
    <message>
        <source>Enabled user %1.</source>
        <translation>Benutzer %1 aktiviert.</translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation>Das Passwort wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Changed the password of %1.</source>
        <translation>Passwort von %1 geändert.</translation>
    </message>
    <message>
        <source>Disabled user %1: the server refuses their requests and runs (400 &quot;Inactive user&quot;), whatever token they hold.</source>
        <translation>Benutzer %1 deaktiviert: Der Server lehnt die Anfragen und Läufe des Kontos ab (400 „Inactive user“), mit welchem Token auch immer.</translation>
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
        <translation>&amp;Benachrichtigen, wenn ein Workflow eine Frage stellt, während Agentdesk im Hintergrund ist</translation>
    </message>
    <message>
        <source>Notifications for questions</source>
        <translation>Benachrichtigungen bei Fragen</translation>
    </message>
    <message>
        <source>&amp;Keep conversations in the history</source>
        <translation>Unterhaltungen im &amp;Verlauf behalten</translation>
    </message>
    <message>
        <source>Keep conversations in the history</source>
        <translation>Unterhaltungen im Verlauf behalten</translation>
    </message>
    <message>
        <source>Answers to password prompts are never kept.</source>
        <translation>Antworten auf Passwortabfragen werden nie gespeichert.</translation>
    </message>
    <message>
        <source>Conversation font size</source>
        <translation>Schriftgröße der Unterhaltung</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
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
        <translation>der Schlüsselbund hat nicht rechtzeitig geantwortet (ist er gesperrt?)</translation>
    </message>
    <message>
        <source>no keychain service is available</source>
        <translation>kein Schlüsselbunddienst verfügbar</translation>
    </message>
</context>
</TS>
