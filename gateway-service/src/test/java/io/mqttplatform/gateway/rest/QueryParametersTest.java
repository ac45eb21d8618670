package io.mqttplatform.gateway.rest;

import io.mqttplatform.gateway.failure.Failure;
import io.mqttplatform.gateway.failure.FailureKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operations endpoints' query parameters: a page size of 1 to 1000, and true-or-false switches. */
class QueryParametersTest {

    @Test
    void limit_fromOneToAThousand_isTaken_andAbsentLeavesTheBrokersDefault() {
        assertThat(QueryParameters.limit("1", "limit")).isEqualTo(1);
        assertThat(QueryParameters.limit(" 1000 ", "limit")).isEqualTo(1000);
        assertThat(QueryParameters.limit(null, "limit")).isNull();
        assertThat(QueryParameters.limit("", "limit")).isNull();
    }

    @Test
    void limit_outOfRangeOrNotAWholeNumber_is400NamingItAndWhatIsAllowed() {
        for (String bad : new String[] {"0", "1001", "99999999999", "-5", "10.5", "ten", "1e3"}) {
            assertThatThrownBy(() -> QueryParameters.limit(bad, "limit"))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            Failure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.INVALID))
                    .hasMessage("limit must be a whole number from 1 to 1000; got '" + bad + "'");
        }
    }

    @Test
    void flag_isTrueOrFalse_andAbsentIsNull() {
        assertThat(QueryParameters.flag("true", "connected")).isTrue();
        assertThat(QueryParameters.flag("FALSE", "connected")).isFalse();
        assertThat(QueryParameters.flag(null, "connected")).isNull();
        assertThatThrownBy(() -> QueryParameters.flag("yes", "removeSession"))
                .isInstanceOf(Failure.class)
                .hasMessage("removeSession must be true or false; got 'yes'");
    }
}
