package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A Telegram bot token, {@code <bot id>:AA<33 base64url>}: 8 to 10 digits, a colon and a secret that
 * starts with {@code AA}, as BotFather issues them, alone or in a Bot API path ({@code /bot<token>/}). Anchored on {@code :AA}; reads at most 11 digits
 * back and the secret's run (memoised).
 */
final class TelegramRule implements Rule {

    private static final int ID_MIN = 8;
    private static final int ID_MAX = 10;
    private static final int SECRET_MIN = 34;
    private static final int SECRET_MAX = 40;

    @Override
    public String kind() {
        return "telegram_token";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact(":AA");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        int id = start;
        while (id > start - ID_MAX - 1 && CharClasses.isDigit(scan.at(id - 1))) {
            id--;
        }
        scan.work(start - id);
        boolean apiPath = scan.endsWith(id, "/bot"); // https://api.telegram.org/bot<token>/getMe
        if (start - id < ID_MIN || start - id > ID_MAX || (CharClasses.isAlnum(scan.at(id - 1)) && !apiPath)) {
            return;
        }
        int stop = scan.runs.end(CharClasses.BASE64URL, start + 1);
        int length = stop - start - 1;
        if (length >= SECRET_MIN && length <= SECRET_MAX) {
            scan.report(id, stop, kind(), VENDOR);
        }
    }
}
