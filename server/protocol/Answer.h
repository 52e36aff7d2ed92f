#pragma once

#include <QString>

#include <optional>

namespace agentdesk {

// The client's answer to an asking message: the raw text frame upstream's
// clients send, or upstream's InputResponseModel {"msg", "question_uuid"}.
struct Answer
{
    QString text;
    std::optional<QString> questionUuid; // hex, when the client named the question

    // Any text frame is an answer; a JSON object with a string "msg" (and an
    // optional string "question_uuid") is read as InputResponseModel.
    static Answer fromFrame(const QString &frame);
    QString toInputResponseJson() const;
};

} // namespace agentdesk
