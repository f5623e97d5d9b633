public enum LatentTUIPlaceholder {}
