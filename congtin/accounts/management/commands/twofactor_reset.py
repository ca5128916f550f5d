from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from congtin.accounts import twofactor


class Command(BaseCommand):
    help = (
        "Đặt lại xác thực hai bước của một tài khoản (mất điện thoại): gỡ thiết bị, ghi nhật ký; "
        "người đó đăng nhập bằng mật khẩu rồi đăng ký thiết bị mới."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")

    def handle(self, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"Không có tài khoản «{username}».") from error
        if twofactor.reset(user, by=None):
            self.stdout.write(
                f"Đã đặt lại xác thực hai bước của «{username}»: đăng nhập bằng mật khẩu "
                "rồi đăng ký thiết bị mới trong «Tài khoản › Xác thực hai bước»."
            )
        else:
            self.stdout.write(f"«{username}» chưa bật xác thực hai bước: không có gì để đặt lại.")
