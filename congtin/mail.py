"""The e-mail backend of a portal with no mail server configured (no EMAIL_HOST).

Django's default would try an SMTP server on localhost and fail with a connection error in the
middle of a request. This one sends nothing and says so in the log, once per message.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("congtin.mail")


class NoServerBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            logger.warning(
                "Chưa cấu hình máy chủ thư (EMAIL_HOST): thư «%s» gửi %d người nhận không được gửi.",
                message.subject,
                len(message.recipients()),
            )
        return 0
