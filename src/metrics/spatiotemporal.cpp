// Spatiotemporal metrics from IC/TO (metrics.md, "Wearable" and "Forces and loading"): contact time,
// flight time to the next contralateral IC, step time, duty factor (contact / stride time), step length
// and speed (overground from heel positions; treadmill from the belt speed, which must be given).
#include <cmath>
#include <cstdio>
#include <string>

#include "metrics/vec_math.hpp"
#include "common/format_number.hpp"
#include "touchdown/metrics.hpp"

namespace touchdown {
namespace {

using text::format;

// The next stance of the other foot, when it is the very next contact and close enough to be the next step.
struct NextContact {
  const Stance* stance = nullptr;
  std::string reason;
};
NextContact next_contralateral(std::span<const Stance> stances, std::size_t index, double max_step_time_s) {
  const Stance& current = stances[index];
  if (index + 1 >= stances.size()) return {nullptr, "no later contact (last step of the trial)"};
  const Stance& next = stances[index + 1];
  if (next.side == current.side)
    return {nullptr, "next contact is the same foot (the other foot's contact was not detected)"};
  if (next.ic_s - current.ic_s > max_step_time_s)
    return {nullptr, format("next contact of the other foot is more than %g s later (a contact was missed)", max_step_time_s)};
  return {&next, {}};
}

}  // namespace

GroundInfo detect_ground(const Body& body, const SpatiotemporalOptions& options) {
  GroundInfo g;
  g.treadmill_speed_m_s = options.treadmill_speed_m_s;
  if (options.ground != Ground::automatic) {
    g.ground = options.ground;
    g.method = "declared";
    return g;
  }
  if (options.treadmill_speed_m_s) {
    g.ground = Ground::treadmill;
    g.method = "treadmill: belt speed given";
    return g;
  }
  std::optional<std::size_t> first, last;
  for (std::size_t i = 0; i < body.pelvis_centre.size(); ++i) {
    if (!is_finite(body.pelvis_centre[i])) continue;
    if (!first) first = i;
    last = i;
  }
  if (!first || *last == *first || !(body.rate_hz > 0)) {
    g.method = "pelvis centre missing: cannot tell treadmill from overground";
    return g;
  }
  const double seconds = static_cast<double>(*last - *first) / body.rate_hz;
  const double speed =
      vec::dot(vec::sub(body.pelvis_centre[*last], body.pelvis_centre[*first]), unit_vector(body.progression)) / seconds;
  g.ground = speed >= options.overground_min_speed_m_s ? Ground::overground : Ground::treadmill;
  g.method = format("pelvis centre mean speed along progression %.2f m/s", speed) +
             format(" (overground from %g m/s)", options.overground_min_speed_m_s);
  return g;
}

SpatiotemporalMetrics compute_spatiotemporal(std::span<const Stance> stances, std::size_t index, const Body* body,
                                             const GroundInfo& ground, const SpatiotemporalOptions& options) {
  SpatiotemporalMetrics m;
  const Stance& stance = stances[index];
  const std::string from_events = "from IC/TO (" + stance.method + " events)";
  const double contact = stance.to_s - stance.ic_s;
  m.contact_time_s = contact > 0 ? Measured::of(contact, "s", "TO - IC " + from_events)
                                 : Measured::absent("s", "toe-off is not after initial contact");

  const NextContact next = next_contralateral(stances, index, options.max_step_time_s);
  if (next.stance == nullptr) {
    m.flight_time_s = Measured::absent("s", next.reason);
    m.step_time_s = Measured::absent("s", next.reason);
  } else {
    const double flight = next.stance->ic_s - stance.to_s;
    m.flight_time_s = flight >= 0 ? Measured::of(flight, "s", "next contralateral IC - TO " + from_events)
                                  : Measured::absent("s", "the other foot lands before toe-off (double support, not running)");
    m.step_time_s = Measured::of(next.stance->ic_s - stance.ic_s, "s", "next contralateral IC - IC " + from_events);
  }

  // Duty factor over the stride to the next contact of the same foot.
  const Stance* same = nullptr;
  for (std::size_t j = index + 1; j < stances.size(); ++j) {
    if (stances[j].side == stance.side) {
      same = &stances[j];
      break;
    }
  }
  if (same == nullptr)
    m.duty_factor_pct = Measured::absent("%", "no later contact of the same foot");
  else if (same->ic_s - stance.ic_s > 2 * options.max_step_time_s)
    m.duty_factor_pct = Measured::absent("%", "next contact of the same foot too late (a contact was missed)");
  else if (!m.contact_time_s.value)
    m.duty_factor_pct = Measured::absent("%", m.contact_time_s.missing_reason);
  else
    m.duty_factor_pct =
        Measured::of(100.0 * contact / (same->ic_s - stance.ic_s), "%", "contact time / stride time (IC to next same-foot IC)");

  // Step length and speed.
  auto both_absent = [&](const std::string& reason) {
    m.step_length_m = Measured::absent("m", reason);
    m.speed_m_s = Measured::absent("m/s", reason);
  };
  if (!m.step_time_s.value) {
    both_absent(m.step_time_s.missing_reason);
    return m;
  }
  const double step_time = *m.step_time_s.value;
  std::optional<double> heel_advance;  // along progression, this heel at IC -> other heel at its IC
  if (body != nullptr && body->rate_hz > 0 && stance.side != Side::none && next.stance->side != Side::none) {
    const Vec3 here = sample_at(body->side(stance.side).heel, body->rate_hz, stance.ic_s);
    const Vec3 there = sample_at(body->side(next.stance->side).heel, body->rate_hz, next.stance->ic_s);
    if (is_finite(here) && is_finite(there)) heel_advance = vec::dot(vec::sub(there, here), unit_vector(body->progression));
  }
  switch (ground.ground) {
    case Ground::overground:
      if (!heel_advance) {
        both_absent("heel landmark missing at one of the two contacts");
        break;
      }
      m.step_length_m = Measured::of(*heel_advance, "m", "overground: heel at next contralateral IC - heel at IC, along progression");
      m.speed_m_s = Measured::of(*heel_advance / step_time, "m/s", "overground: step length / step time");
      break;
    case Ground::treadmill:
      if (!ground.treadmill_speed_m_s) {
        both_absent("treadmill belt speed unknown (give it, e.g. --speed)");
        break;
      }
      if (heel_advance)
        m.step_length_m = Measured::of(*ground.treadmill_speed_m_s * step_time + *heel_advance, "m",
                                       "treadmill: belt speed x step time + heel displacement in the lab");
      else
        m.step_length_m = Measured::of(*ground.treadmill_speed_m_s * step_time, "m", "treadmill: belt speed x step time");
      m.speed_m_s = Measured::of(*ground.treadmill_speed_m_s, "m/s", "treadmill belt speed (given)");
      break;
    case Ground::automatic:
      both_absent("cannot tell treadmill from overground (" + ground.method + ")");
      break;
  }
  return m;
}

}  // namespace touchdown
