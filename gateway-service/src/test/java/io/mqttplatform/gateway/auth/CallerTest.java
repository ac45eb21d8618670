package io.mqttplatform.gateway.auth;

import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may use the operations API: keys with admin, and anyone when auth is off. */
class CallerTest {

    @Test
    void requireAdmin_withAKeyWithoutAdmin_isForbiddenSayingHowToAllowIt() {
        Caller caller = Caller.withKey(key("dashboard", false));

        assertThatThrownBy(caller::requireAdmin)
                .isInstanceOfSatisfying(Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.FORBIDDEN))
                .hasMessage("API key 'dashboard' may not use the operations API: give it \"admin\": true in the keys "
                        + "file");
    }

    @Test
    void requireAdmin_withAnAdminKey_orAuthOff_isAllowed() {
        assertThatCode(() -> Caller.withKey(key("ops", true)).requireAdmin()).doesNotThrowAnyException();
        assertThatCode(() -> Caller.anyone().requireAdmin()).doesNotThrowAnyException();
    }

    @Test
    void access_saysAdmin_alwaysWithAuthOff() {
        assertThat(Caller.anyone().access().admin()).isTrue();
        assertThat(Caller.withKey(key("ops", true)).access().admin()).isTrue();
        assertThat(Caller.withKey(key("dashboard", false)).access().admin()).isFalse();
    }

    private static ApiKey key(String id, boolean admin) {
        return new ApiKey(id, new byte[32], List.of(), List.of("lab/#"), admin);
    }
}
