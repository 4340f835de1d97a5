package io.hiveiot.tracking.group;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which changes of the families in memory are a name changing hands. */
class FamiliesTest {

    private record HandedOver(String family, Optional<String> owner) {}

    private final List<HandedOver> heard = new ArrayList<>();
    private final Families families = new Families((family, owner) -> heard.add(new HandedOver(family, owner)));

    @Test
    void firstFill_handsNothingOver() {
        families.replaceAll(List.of(family("fox", "a"), family("owl", "b")));
        assertEquals(List.of(), heard);
    }

    @Test
    void madeDeletedOrOwnedByAnother_changesHands_andAGroupChangeDoesNot() {
        families.replaceAll(List.of(family("fox", "a")));
        families.put(family("fox", "a").withGroup("north", java.util.Set.of("1")));
        families.put(family("owl", "a"));
        families.remove("fox");
        families.remove("fox");
        assertEquals(List.of(new HandedOver("owl", Optional.of("a")), new HandedOver("fox", Optional.empty())), heard);
    }

    @Test
    void replacingAll_asAnotherNodesChangeArrives_handsOverWhatChanged() {
        families.replaceAll(List.of(family("fox", "a"), family("owl", "a"), family("elk", "a")));
        families.replaceAll(List.of(family("fox", "a"), family("owl", "b"), family("yak", "b")));
        assertEquals(
                List.of(
                        new HandedOver("owl", Optional.of("b")),
                        new HandedOver("yak", Optional.of("b")),
                        new HandedOver("elk", Optional.empty())),
                heard);
    }

    private static Family family(final String name, final String account) {
        return new Family(name, account, false, Map.of());
    }
}
