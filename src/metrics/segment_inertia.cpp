// Segment inertia parameters: de Leva P. 1996, "Adjustments to Zatsiorsky-Seluyanov's segment inertia
// parameters", J Biomech 29(9):1223-1230, Table 4 (young adults; endpoints as in joint_load.hpp).
// Columns: mass % of body mass, centre of mass % of length from the proximal endpoint, and radii of
// gyration % of length about the sagittal, transverse and longitudinal axes. The sagittal column is
// taken as the antero-posterior axis and the transverse column as the medio-lateral (flexion) axis.
#include "touchdown/joint_load.hpp"

namespace touchdown {

std::string_view to_string(BodySex sex) { return sex == BodySex::female ? "female" : "male"; }

SegmentParameters de_leva_1996(Segment segment, BodySex sex) {
  const bool female = sex == BodySex::female;
  // {mass, com, r_long, r_ml (transverse), r_ap (sagittal)}, fractions.
  switch (segment) {
    case Segment::thigh:
      return female ? SegmentParameters{0.1478, 0.3612, 0.162, 0.364, 0.369}
                    : SegmentParameters{0.1416, 0.4095, 0.149, 0.329, 0.329};
    case Segment::shank:
      return female ? SegmentParameters{0.0481, 0.4416, 0.093, 0.267, 0.271}
                    : SegmentParameters{0.0433, 0.4459, 0.103, 0.249, 0.255};
    case Segment::foot:
      return female ? SegmentParameters{0.0129, 0.4014, 0.139, 0.279, 0.299}
                    : SegmentParameters{0.0137, 0.4415, 0.124, 0.245, 0.257};
  }
  return {};
}

SegmentInertia segment_inertia(const SegmentParameters& p, double body_mass_kg, double length_m) {
  SegmentInertia s;
  s.mass_kg = p.mass_fraction * body_mass_kg;
  s.com_fraction = p.com_fraction;
  const auto moment = [&](double gyration) {
    const double radius = gyration * length_m;
    return s.mass_kg * radius * radius;
  };
  s.i_long = moment(p.gyration_long);
  s.i_ml = moment(p.gyration_ml);
  s.i_ap = moment(p.gyration_ap);
  return s;
}

}  // namespace touchdown
