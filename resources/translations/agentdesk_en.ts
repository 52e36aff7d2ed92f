<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>agentdesk::ConversationDelegate</name>
    <message numerus="yes">
        <source>▸ Show the full error (%n line(s))</source>
        <translation>
            <numerusform>▸ Show the full error (%n line)</numerusform>
            <numerusform>▸ Show the full error (%n lines)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>▸ Show details (%n line(s))</source>
        <translation>
            <numerusform>▸ Show details (%n line)</numerusform>
            <numerusform>▸ Show details (%n lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>agentdesk::MainWindow</name>
    <message numerus="yes">
        <source>%n workflow(s) available</source>
        <translation>
            <numerusform>%n workflow available</numerusform>
            <numerusform>%n workflows available</numerusform>
        </translation>
    </message>
</context>
</TS>
